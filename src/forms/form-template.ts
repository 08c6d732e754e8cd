import * as z from 'zod'

/** The field types of GitHub's issue-form schema that carry a value. */
export const FieldTypeSchema = z.enum(['input', 'textarea', 'dropdown', 'checkboxes'])

/** One value-carrying field of an issue form, as infra-log needs it. */
export const FormFieldSchema = z.object({
  /** The field's `id`, or its label slugified as GitHub does when there is none. */
  id: z.string(),
  label: z.string(),
  type: FieldTypeSchema,
  required: z.boolean(),
  /** Dropdown or checkbox options, as written in the template. */
  options: z.array(z.string()),
  /** Dropdowns only: several options may be chosen. */
  multiple: z.boolean(),
  /** Textareas only: the `render:` language; GitHub wraps the value in a code fence. */
  render: z.string().optional(),
})

/** One value-carrying field of an issue form. */
export type FormField = z.infer<typeof FormFieldSchema>

/** An issue form, reduced to what parsing a body needs. */
export const FormTemplateSchema = z.object({
  name: z.string(),
  labels: z.array(z.string()),
  fields: z.array(FormFieldSchema),
})

/** An issue form, reduced to what parsing a body needs. */
export type FormTemplate = z.infer<typeof FormTemplateSchema>

/** A checkboxes field's value. */
export type CheckboxesValue = { selected: string[]; unselected: string[] }

/**
 * A field's value: a string for input and textarea (markdown source, verbatim),
 * a string array for dropdowns, checkboxes as selected/unselected, null when empty
 * (`_No response_`, `None`, or nothing).
 */
export type FieldValue = string | string[] | CheckboxesValue | null

/**
 * What kind of problem a body has: a required field's section is `missing` or its value
 * `empty`; a section is there twice (`duplicate`, the first is read) or out of the form's
 * `order` (every section still read); or the body as a whole could not be read (`body`).
 */
export type FormProblemKind = 'missing' | 'empty' | 'duplicate' | 'order' | 'body'

/**
 * A problem found while reading a body against a form; `field` is the label as the form shows
 * it and `fieldId` its id.
 */
export type FormProblem = {
  field?: string
  fieldId?: string
  kind?: FormProblemKind
  message: string
}

/** What a body says, per field id, and what is wrong with it. */
export type ParsedForm = { fields: Record<string, FieldValue>; problems: FormProblem[] }
