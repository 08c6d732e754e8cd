import { parse as parseYaml } from 'yaml'
import * as z from 'zod'
import type { FormField, FormTemplate } from './form-template.js'
import { slugifyLabel } from './slugify-label.js'

/**
 * An issue-form template that breaks GitHub's form syntax. `problems` holds one sentence per
 * mistake, each naming the file, the element (`body[3] (Impact)`) and what to change; the
 * message is those sentences, one per line.
 */
export class FormTemplateError extends Error {
  override readonly name = 'FormTemplateError'
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

/**
 * Reads an issue-form template (`.github/ISSUE_TEMPLATE/*.yml`) the way GitHub does and keeps
 * what parsing a body needs: the value-carrying fields in order, markdown elements dropped.
 * A field without an `id` gets its label slugified as @github/issue-parser does.
 * `source` names the template in error messages (e.g. `incident.yml`).
 * @throws {FormTemplateError} when GitHub would reject the template, with every reason.
 */
export function parseFormTemplate(yamlText: string, source = 'issue form'): FormTemplate {
  const document = readYaml(yamlText, source)
  if (!isMap(document)) {
    throw new FormTemplateError([
      `${source}: must be a YAML mapping with \`name\`, \`description\` and \`body\`, not ${describeValue(document)}.`,
    ])
  }
  const top = TopLevelSchema.safeParse(document)
  if (!top.success) throw new FormTemplateError(describeIssues(top.error, document, `${source}:`))

  const elements = top.data.body.map((raw, index) => readElement(raw, index, source))
  const problems = elements.flatMap((element) => (element.ok ? [] : element.problems))
  if (problems.length > 0) throw new FormTemplateError(problems)

  const fields = elements.flatMap((element) => (element.ok && element.field ? [element.field] : []))
  const clashes = findClashes(fields, source)
  if (fields.length === 0) {
    clashes.unshift(`${source}: \`body\` must contain at least one element that is not markdown.`)
  }
  if (clashes.length > 0) throw new FormTemplateError(clashes)

  return {
    name: top.data.name.trim(),
    labels: listOf(top.data.labels),
    fields: fields.map((entry) => entry.field),
  }
}

// GitHub reads templates with Ruby's YAML 1.1 parser, where unquoted `yes`, `no`, `on` and
// `off` are booleans; reading them the same way reports what GitHub would reject.
function readYaml(yamlText: string, source: string): unknown {
  try {
    return parseYaml(yamlText, { version: '1.1' })
  } catch (error) {
    const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    const reason = firstLine.replace(/[:.\s]+$/, '')
    const hint = /multiple documents/.test(reason)
      ? ' Remove the `---` separator: the form is one document with `name`, `description` and `body`.'
      : ''
    throw new FormTemplateError([`${source}: is not valid YAML: ${reason}.${hint}`])
  }
}

const ELEMENT_TYPES = ['markdown', 'input', 'textarea', 'dropdown', 'checkboxes'] as const
type ElementType = (typeof ELEMENT_TYPES)[number]

/** A string that must say something: GitHub refuses empty or blank names, labels and options. */
const Text = z.string().refine((value) => value.trim() !== '', { error: 'must not be empty' })

/** Optional free text (a default title, a description, a placeholder); real forms leave it `""`. */
const FreeText = z.string().optional()

/** `labels`, `assignees` and `projects` are a list or one comma-separated string. */
const TextList = z.union([z.array(Text), Text], {
  error: 'must be a list of names or one comma-separated string',
})

/** A mapping that refuses keys GitHub does not know, naming the ones it accepts. */
function strictMap<Shape extends z.ZodRawShape>(shape: Shape, where: string) {
  const allowed = Object.keys(shape)
    .map((key) => `\`${key}\``)
    .join(', ')
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((key) => `\`${key}\``).join(', ')} ${issue.keys.length === 1 ? 'is not a permitted key' : 'are not permitted keys'} ${where} (allowed: ${allowed})`
        : undefined,
  })
}

const TopLevelSchema = strictMap(
  {
    name: Text,
    description: Text,
    title: FreeText,
    labels: TextList.optional(),
    assignees: TextList.optional(),
    projects: TextList.optional(),
    type: Text.optional(),
    body: z.array(z.unknown()).min(1, { error: '`body` must list at least one form element' }),
  },
  'at the top level',
)

const Id = z.string().regex(/^[A-Za-z0-9_-]+$/, {
  error: 'can only contain letters, digits, `-` and `_`',
})

const Validations = strictMap({ required: z.boolean().optional() }, 'in `validations`').optional()

const Options = z.array(Text).min(1, { error: 'dropdown needs at least one option' })

const CheckboxOption = strictMap(
  { label: Text, required: z.boolean().optional() },
  'in a checkbox option',
)

const ELEMENT_SCHEMAS = {
  markdown: strictMap(
    {
      type: z.literal('markdown'),
      id: Id.optional(),
      attributes: strictMap({ value: Text }, 'in markdown `attributes`'),
    },
    'in a markdown element',
  ),
  input: strictMap(
    {
      type: z.literal('input'),
      id: Id.optional(),
      attributes: strictMap(
        { label: Text, description: FreeText, placeholder: FreeText, value: FreeText },
        'in input `attributes`',
      ),
      validations: Validations,
    },
    'in an input element',
  ),
  textarea: strictMap(
    {
      type: z.literal('textarea'),
      id: Id.optional(),
      attributes: strictMap(
        {
          label: Text,
          description: FreeText,
          placeholder: FreeText,
          value: FreeText,
          render: Text.optional(),
        },
        'in textarea `attributes`',
      ),
      validations: Validations,
    },
    'in a textarea element',
  ),
  dropdown: strictMap(
    {
      type: z.literal('dropdown'),
      id: Id.optional(),
      attributes: strictMap(
        {
          label: Text,
          description: FreeText,
          multiple: z.boolean().optional(),
          options: Options,
          default: z.number().int().nonnegative().optional(),
        },
        'in dropdown `attributes`',
      ),
      validations: Validations,
    },
    'in a dropdown element',
  ),
  checkboxes: strictMap(
    {
      type: z.literal('checkboxes'),
      id: Id.optional(),
      attributes: strictMap(
        {
          label: Text,
          description: FreeText,
          options: z.array(CheckboxOption).min(1, { error: 'checkboxes need at least one option' }),
        },
        'in checkboxes `attributes`',
      ),
      validations: Validations,
    },
    'in a checkboxes element',
  ),
} satisfies Record<ElementType, z.ZodType>

/** A field as read from its element, with the element's name for messages (`body[3] (Impact)`). */
type NamedField = { field: FormField; name: string; explicitId: boolean }

type ReadElement = { ok: true; field?: NamedField } | { ok: false; problems: string[] }

function readElement(raw: unknown, index: number, source: string): ReadElement {
  const name = describeElement(raw, index)
  const where = `${source}: ${name}:`
  if (!isMap(raw)) {
    return { ok: false, problems: [`${where} must be a mapping with \`type\` and \`attributes\`.`] }
  }
  const type = raw['type']
  if (type === undefined) {
    return {
      ok: false,
      problems: [`${where} required key \`type\` is missing (one of ${ELEMENT_TYPES.join(', ')}).`],
    }
  }
  if (!isElementType(type)) {
    return {
      ok: false,
      problems: [
        `${where} \`${String(type)}\` is not a valid type; use one of ${ELEMENT_TYPES.join(', ')}.`,
      ],
    }
  }
  const parsed = ELEMENT_SCHEMAS[type].safeParse(raw)
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, raw, where) }
  const element = parsed.data
  if (element.type === 'markdown') return { ok: true }

  const problems: string[] = []
  const attributes = element.attributes
  let options: string[] = []
  let multiple = false
  let render: string | undefined
  let required = element.validations?.required ?? false
  if (element.type === 'dropdown') {
    options = element.attributes.options
    multiple = element.attributes.multiple ?? false
    problems.push(...checkDropdown(options, element.attributes.default, where))
  } else if (element.type === 'checkboxes') {
    options = element.attributes.options.map((option) => option.label)
    // A box that must be ticked makes the field required: the form cannot be sent without it.
    required ||= element.attributes.options.some((option) => option.required === true)
    problems.push(
      ...duplicates(options).map(
        (option) => `${where} option \`${option}\` is listed twice; options must be unique.`,
      ),
    )
  } else if (element.type === 'textarea') {
    render = element.attributes.render?.trim()
  }
  const id = element.id ?? slugifyLabel(attributes.label)
  if (id === '') {
    problems.push(
      `${where} the label has no letters or digits to make an id from; give the element an \`id\`.`,
    )
  }
  if (problems.length > 0) return { ok: false, problems }

  const field: FormField = {
    id,
    label: attributes.label.trim(),
    type: element.type,
    required,
    options,
    multiple,
    ...(render === undefined ? {} : { render }),
  }
  return { ok: true, field: { field, name, explicitId: element.id !== undefined } }
}

function checkDropdown(
  options: string[],
  defaultIndex: number | undefined,
  where: string,
): string[] {
  const problems = duplicates(options).map(
    (option) => `${where} option \`${option}\` is listed twice; options must be unique.`,
  )
  if (options.some((option) => option.trim().toLowerCase() === 'none')) {
    problems.push(
      `${where} options must not include the reserved word \`None\`: GitHub shows it when nothing is chosen. Remove it, and leave the dropdown optional if "none" is a valid answer.`,
    )
  }
  if (defaultIndex !== undefined && defaultIndex >= options.length) {
    problems.push(
      `${where} \`default\` is ${defaultIndex}, but there ${options.length === 1 ? 'is only 1 option' : `are only ${options.length} options`}; it is the 0-based index of an option.`,
    )
  }
  return problems
}

// The body is matched to fields by its `### Label` headings, and the values are keyed by id,
// so both must be unique; labels are compared the way headings are matched.
function findClashes(fields: NamedField[], source: string): string[] {
  const problems: string[] = []
  const ids = new Map<string, string>()
  const labels = new Map<string, string>()
  for (const { field, name, explicitId } of fields) {
    const where = `${source}: ${name}:`
    const idOwner = ids.get(field.id)
    if (idOwner !== undefined) {
      problems.push(
        explicitId
          ? `${where} id \`${field.id}\` is already used by ${idOwner}; ids must be unique.`
          : `${where} without an \`id\`, its label makes the id \`${field.id}\`, which ${idOwner} already uses; give one of them a unique \`id\`.`,
      )
    } else {
      ids.set(field.id, name)
    }
    const labelKey = labelMatchKey(field.label)
    const labelOwner = labels.get(labelKey)
    if (labelOwner !== undefined) {
      problems.push(
        `${where} label "${field.label}" is already used by ${labelOwner}; labels must be unique (ignoring case and spaces) because a body's \`### \` headings are matched to fields by label.`,
      )
    } else {
      labels.set(labelKey, name)
    }
  }
  for (const { field, name } of fields) {
    if (field.type !== 'checkboxes') continue
    for (const option of field.options) {
      const owner = labels.get(labelMatchKey(option))
      if (owner !== undefined && owner !== name) {
        problems.push(
          `${source}: ${name}: checkbox option "${option}" is also the label of ${owner}; checkbox labels must differ from field labels.`,
        )
      }
    }
  }
  return problems
}

/**
 * How a label is compared with a body's `### ` heading: trimmed, runs of white space as one
 * space, case ignored.
 */
export function labelMatchKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase()
}

function describeIssues(error: z.ZodError, root: unknown, where: string): string[] {
  return error.issues.map((issue) => `${where} ${describeIssue(issue, root)}.`)
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const key = formatPath(issue.path)
  if (issue.code === 'invalid_type') {
    const value = valueAt(root, issue.path)
    if (value === undefined) return `required key ${key} is missing`
    return `${key} must be ${article(issue.expected)}, not ${describeValue(value)}${quoteHint(issue.expected, value)}`
  }
  if (issue.code === 'invalid_value' && issue.path.at(-1) === 'type') {
    return `${key} must be \`${String(issue.values[0])}\``
  }
  // These messages are written whole: strictMap's names the mapping, minimums name the list.
  if (issue.code === 'unrecognized_keys' || issue.code === 'too_small') return issue.message
  return key === '`(top)`' ? issue.message : `${key} ${issue.message}`
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '`(top)`'
  const text = path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('')
  return `\`${text}\``
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root
  for (const part of path) {
    if (Array.isArray(value) && typeof part === 'number') value = value[part]
    else if (isMap(value) && typeof part === 'string') value = value[part]
    else return undefined
  }
  return value
}

function article(expected: string): string {
  if (expected === 'string') return 'text'
  if (expected === 'array') return 'a list'
  if (expected === 'object') return 'a mapping'
  if (expected === 'int') return 'a whole number'
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty'
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `the ${typeof value} \`${String(value)}\``
}

// YAML 1.1 turns unquoted `yes`, `on`, `1.0` or `2024-05-02` into other types; quotes keep text.
function quoteHint(expected: string, value: unknown): string {
  if (expected !== 'string') return ''
  const example =
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'number'
        ? String(value)
        : typeof value === 'boolean'
          ? value
            ? 'yes'
            : 'no'
          : undefined
  return example === undefined
    ? ''
    : ` (put it in quotes, e.g. \`"${example}"\`, to keep it as text)`
}

function describeElement(raw: unknown, index: number): string {
  if (!isMap(raw)) return `body[${index}]`
  const attributes = raw['attributes']
  const label = isMap(attributes) ? attributes['label'] : undefined
  if (typeof label === 'string' && label.trim() !== '') return `body[${index}] (${label.trim()})`
  if (raw['type'] === 'markdown') return `body[${index}] (markdown)`
  return `body[${index}]`
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const value of values) {
    if (seen.has(value)) repeated.add(value)
    seen.add(value)
  }
  return [...repeated]
}

function listOf(value: string | string[] | undefined): string[] {
  const items = typeof value === 'string' ? value.split(',') : (value ?? [])
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

function isMap(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}

function isElementType(value: unknown): value is ElementType {
  return typeof value === 'string' && (ELEMENT_TYPES as readonly string[]).includes(value)
}
