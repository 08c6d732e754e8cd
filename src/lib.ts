// The package's library entry: what other tools may import from `infra-log`.

/** Reads an issue-form template (YAML) into the fields a body is parsed against; throws FormTemplateError. */
export { parseFormTemplate, FormTemplateError } from './forms/parse-form-template.js'

/** Reads an issue body against a form template; never throws, returns values and problems. */
export { parseIssueForm } from './forms/parse-issue-form.js'

/** The Incident and Highlight forms infra-log ships, parsed. */
export { shippedTemplate, type ShippedFormKind } from './forms/shipped-forms.js'

/** The id GitHub's parser gives a form field that has no `id`: its label slugified. */
export { slugifyLabel } from './forms/slugify-label.js'

/** Form templates, fields, values and problems, with the zod schemas they come from. */
export {
  FieldTypeSchema,
  FormFieldSchema,
  FormTemplateSchema,
  type CheckboxesValue,
  type FieldValue,
  type FormField,
  type FormProblem,
  type FormTemplate,
  type ParsedForm,
} from './forms/form-template.js'
