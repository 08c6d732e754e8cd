import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { FormField } from '../../src/forms/form-template.js'
import { FormTemplateError, parseFormTemplate } from '../../src/forms/parse-form-template.js'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'

const readForm = (name: string) =>
  readFileSync(new URL(`../../.github/ISSUE_TEMPLATE/${name}`, import.meta.url), 'utf8')

const IMPACT_OPTIONS = [
  'None: no customer impact',
  'Low: a few customers, minor disruption',
  'Moderate: some customers or one region',
  'High: many customers or several regions',
  'Severe: fleetwide or critical path down',
]

type Row = Pick<FormField, 'id' | 'label' | 'type' | 'required' | 'multiple'>
const row = (id: string, label: string, type: FormField['type'], required: boolean): Row => ({
  id,
  label,
  type,
  required,
  multiple: false,
})

// DESIGN.md, "Issue forms — the contract": the two tables, row by row.
const DESIGN: Record<'incident' | 'highlight', { label: string; rows: Row[] }> = {
  incident: {
    label: 'incident',
    rows: [
      row('started', 'Started', 'input', true),
      row('resolved', 'Resolved', 'input', false),
      row('duration', 'Duration', 'input', false),
      row('impact', 'Impact', 'dropdown', true),
      { ...row('services', 'Affected services', 'dropdown', false), multiple: true },
      row('regions', 'Regions', 'input', false),
      row('summary', 'What happened', 'textarea', true),
      row('customer-impact', 'Customer impact', 'textarea', false),
      row('postmortem', 'Post-mortem', 'textarea', false),
    ],
  },
  highlight: {
    label: 'highlight',
    rows: [
      row('who', 'Who', 'input', true),
      row('summary', 'What shipped', 'textarea', true),
      row('shipped', 'Shipped on', 'input', false),
      row('links', 'Links', 'textarea', false),
    ],
  },
}

/** GitHub's rules for an issue form, checked on the raw YAML without infra-log's parser. */
function githubRuleViolations(yamlText: string): string[] {
  const form = parseYaml(yamlText, { version: '1.1' }) as Record<string, unknown>
  const problems: string[] = []
  for (const key of ['name', 'description', 'body']) {
    if (form[key] === undefined) problems.push(`missing top-level ${key}`)
  }
  const body = form['body'] as Record<string, unknown>[]
  const ids = new Set<string>()
  const labels = new Set<string>()
  for (const [index, element] of body.entries()) {
    const type = element['type']
    const attributes = element['attributes'] as Record<string, unknown>
    if (!['markdown', 'input', 'textarea', 'dropdown', 'checkboxes'].includes(String(type))) {
      problems.push(`body[${index}]: type ${String(type)}`)
    }
    if (type === 'markdown') continue
    const id = element['id']
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id)) problems.push(`body[${index}]: id`)
    if (ids.has(String(id))) problems.push(`body[${index}]: duplicate id`)
    ids.add(String(id))
    const label = attributes['label']
    if (typeof label !== 'string' || label.trim() === '') problems.push(`body[${index}]: label`)
    if (labels.has(String(label))) problems.push(`body[${index}]: duplicate label`)
    labels.add(String(label))
    if (type === 'dropdown') {
      const options = attributes['options'] as unknown[]
      if (!Array.isArray(options) || options.length === 0) problems.push(`body[${index}]: options`)
      if (options.some((option) => typeof option !== 'string')) {
        problems.push(`body[${index}]: non-text option`)
      }
      if (new Set(options).size !== options.length) problems.push(`body[${index}]: repeated option`)
      if (options.some((option) => String(option).trim().toLowerCase() === 'none')) {
        problems.push(`body[${index}]: None option`)
      }
    }
  }
  return problems
}

describe.each(['incident', 'highlight'] as const)('the shipped %s form', (kind) => {
  const yamlText = readForm(`${kind}.yml`)

  it("follows GitHub's form rules", () => {
    expect(githubRuleViolations(yamlText)).toEqual([])
  })

  it('has exactly the fields of the DESIGN.md table', () => {
    const template = parseFormTemplate(yamlText, `${kind}.yml`)
    expect(template.labels).toEqual([DESIGN[kind].label])
    expect(
      template.fields.map(({ id, label, type, required, multiple }) => ({
        id,
        label,
        type,
        required,
        multiple,
      })),
    ).toEqual(DESIGN[kind].rows)
    expect(template.fields.every((field) => field.render === undefined)).toBe(true)
  })

  it('is what the bundle embeds (run `node scripts/embed-templates.mjs` after editing)', () => {
    expect(shippedTemplate(kind)).toEqual(parseFormTemplate(yamlText, `${kind}.yml`))
  })
})

describe('the shipped incident form', () => {
  const fields = shippedTemplate('incident').fields
  it('offers the five impact levels and a list of services', () => {
    expect(fields.find((field) => field.id === 'impact')?.options).toEqual(IMPACT_OPTIONS)
    expect(fields.find((field) => field.id === 'services')?.options.length).toBeGreaterThan(0)
  })
})

describe('parseFormTemplate', () => {
  it('keeps the value-carrying fields in order, with their options and settings', () => {
    const template = parseFormTemplate(
      `name: ' Release '
description: A release checklist.
title: ""
labels: release, ops
assignees: [ana]
projects: acme/1
type: Task
body:
  - type: markdown
    attributes:
      value: Read the runbook first.
  - type: input
    attributes:
      label: "Version #"
    validations:
      required: true
  - type: textarea
    id: log
    attributes:
      label: Log
      render: shell
  - type: dropdown
    id: targets
    attributes:
      label: Targets
      multiple: true
      default: 1
      options: [eu, us]
  - type: checkboxes
    id: checks
    attributes:
      label: Checks
      options:
        - label: Tests pass
          required: true
        - label: Docs updated
`,
      'release.yml',
    )
    expect(template).toEqual({
      name: 'Release',
      labels: ['release', 'ops'],
      fields: [
        {
          id: 'version',
          label: 'Version #',
          type: 'input',
          required: true,
          options: [],
          multiple: false,
        },
        {
          id: 'log',
          label: 'Log',
          type: 'textarea',
          required: false,
          options: [],
          multiple: false,
          render: 'shell',
        },
        {
          id: 'targets',
          label: 'Targets',
          type: 'dropdown',
          required: false,
          options: ['eu', 'us'],
          multiple: true,
        },
        {
          id: 'checks',
          label: 'Checks',
          type: 'checkboxes',
          required: true,
          options: ['Tests pass', 'Docs updated'],
          multiple: false,
        },
      ],
    })
  })

  it('slugifies a label without id the way @github/issue-parser does', () => {
    const template = parseFormTemplate(
      `name: F
description: d
body:
  - type: input
    attributes: { label: "  What's  the IMPACT?? " }
  - type: input
    attributes: { label: "__Tier-1 / Tier-2__" }
  - type: input
    attributes: { label: "Zoë 2" }
`,
    )
    expect(template.fields.map((field) => field.id)).toEqual([
      'what_s_the_impact',
      'tier_1_tier_2',
      'zo_2',
    ])
  })

  const base = 'name: Incident\ndescription: Report one.\nbody:\n'
  it.each([
    [
      'not YAML',
      'name: [x',
      'incident.yml: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 9.',
    ],
    [
      'two YAML documents',
      'name: x\ndescription: y\n---\nbody: []\n',
      'incident.yml: is not valid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() at line 3, column 1. Remove the `---` separator: the form is one document with `name`, `description` and `body`.',
    ],
    [
      'an empty file',
      '',
      'incident.yml: must be a YAML mapping with `name`, `description` and `body`, not empty.',
    ],
    [
      'a list instead of a mapping',
      '- type: input\n',
      'incident.yml: must be a YAML mapping with `name`, `description` and `body`, not a list.',
    ],
    [
      'no name',
      'description: d\nbody:\n  - type: input\n    attributes: { label: A }\n',
      'incident.yml: required key `name` is missing.',
    ],
    [
      'an unknown top-level key',
      'name: x\ndescription: d\nhello: world\nbody:\n  - type: input\n    attributes: { label: A }\n',
      'incident.yml: `hello` is not a permitted key at the top level (allowed: `name`, `description`, `title`, `labels`, `assignees`, `projects`, `type`, `body`).',
    ],
    [
      'an empty body',
      'name: Incident\ndescription: Report one.\nbody: []\n',
      'incident.yml: `body` must list at least one form element.',
    ],
    [
      'only markdown',
      `${base}  - type: markdown\n    attributes: { value: hi }\n`,
      'incident.yml: `body` must contain at least one element that is not markdown.',
    ],
    [
      'an element without type',
      `${base}  - attributes: { label: A }\n`,
      'incident.yml: body[0] (A): required key `type` is missing (one of markdown, input, textarea, dropdown, checkboxes).',
    ],
    [
      'an unknown type',
      `${base}  - type: upload\n    attributes: { label: Logs }\n`,
      'incident.yml: body[0] (Logs): `upload` is not a valid type; use one of markdown, input, textarea, dropdown, checkboxes.',
    ],
    [
      'a field without label',
      `${base}  - type: input\n    id: started\n    attributes: { description: When }\n`,
      'incident.yml: body[0]: required key `attributes.label` is missing.',
    ],
    [
      'a blank label',
      `${base}  - type: input\n    attributes: { label: '  ' }\n`,
      'incident.yml: body[0]: `attributes.label` must not be empty.',
    ],
    [
      'a label YAML reads as a boolean',
      `${base}  - type: input\n    attributes: { label: yes }\n`,
      'incident.yml: body[0]: `attributes.label` must be text, not the boolean `true` (put it in quotes, e.g. `"yes"`, to keep it as text).',
    ],
    [
      'an id with a space',
      `${base}  - type: input\n    id: first name\n    attributes: { label: First name }\n`,
      'incident.yml: body[0] (First name): `id` can only contain letters, digits, `-` and `_`.',
    ],
    [
      'an unknown attribute',
      `${base}  - type: input\n    attributes: { label: A, options: [x] }\n`,
      'incident.yml: body[0] (A): `options` is not a permitted key in input `attributes` (allowed: `label`, `description`, `placeholder`, `value`).',
    ],
    [
      'an unknown element key',
      `${base}  - type: input\n    required: true\n    attributes: { label: A }\n`,
      'incident.yml: body[0] (A): `required` is not a permitted key in an input element (allowed: `type`, `id`, `attributes`, `validations`).',
    ],
    [
      'required that is not a boolean',
      `${base}  - type: input\n    attributes: { label: A }\n    validations: { required: maybe }\n`,
      'incident.yml: body[0] (A): `validations.required` must be a boolean, not the string `maybe`.',
    ],
    [
      'a dropdown without options',
      `${base}  - type: input\n    attributes: { label: Started }\n  - type: markdown\n    attributes: { value: x }\n  - type: input\n    attributes: { label: Resolved }\n  - type: dropdown\n    id: impact\n    attributes:\n      label: Impact\n      options: []\n`,
      'incident.yml: body[3] (Impact): dropdown needs at least one option.',
    ],
    [
      'a dropdown with None',
      `${base}  - type: dropdown\n    attributes:\n      label: Impact\n      options: [Low, 'None']\n`,
      'incident.yml: body[0] (Impact): options must not include the reserved word `None`: GitHub shows it when nothing is chosen. Remove it, and leave the dropdown optional if "none" is a valid answer.',
    ],
    [
      'a dropdown option YAML reads as a boolean',
      `${base}  - type: dropdown\n    attributes:\n      label: Paged\n      options: [Yes, No]\n`,
      'incident.yml: body[0] (Paged): `attributes.options[0]` must be text, not the boolean `true` (put it in quotes, e.g. `"yes"`, to keep it as text).\nincident.yml: body[0] (Paged): `attributes.options[1]` must be text, not the boolean `false` (put it in quotes, e.g. `"no"`, to keep it as text).',
    ],
    [
      'a repeated option',
      `${base}  - type: dropdown\n    attributes:\n      label: Region\n      options: [eu, us, eu]\n`,
      'incident.yml: body[0] (Region): option `eu` is listed twice; options must be unique.',
    ],
    [
      'a default past the options',
      `${base}  - type: dropdown\n    attributes:\n      label: Region\n      options: [eu]\n      default: 1\n`,
      'incident.yml: body[0] (Region): `default` is 1, but there is only 1 option; it is the 0-based index of an option.',
    ],
    [
      'checkbox options as plain strings',
      `${base}  - type: checkboxes\n    attributes:\n      label: Checks\n      options: [Tests pass]\n`,
      'incident.yml: body[0] (Checks): `attributes.options[0]` must be a mapping, not the string `Tests pass`.',
    ],
    [
      'a repeated id',
      `${base}  - type: input\n    id: when\n    attributes: { label: Started }\n  - type: input\n    id: when\n    attributes: { label: Resolved }\n`,
      'incident.yml: body[1] (Resolved): id `when` is already used by body[0] (Started); ids must be unique.',
    ],
    [
      'a label whose slug is another id',
      `${base}  - type: input\n    id: name\n    attributes: { label: Your name }\n  - type: input\n    attributes: { label: Name? }\n`,
      'incident.yml: body[1] (Name?): without an `id`, its label makes the id `name`, which body[0] (Your name) already uses; give one of them a unique `id`.',
    ],
    [
      'labels that differ only in case',
      `${base}  - type: input\n    id: a\n    attributes: { label: Impact }\n  - type: input\n    id: b\n    attributes: { label: ' impact' }\n`,
      'incident.yml: body[1] (impact): label "impact" is already used by body[0] (Impact); labels must be unique (ignoring case and spaces) because a body\'s `### ` headings are matched to fields by label.',
    ],
    [
      'a checkbox named like a field',
      `${base}  - type: textarea\n    attributes: { label: Name }\n  - type: checkboxes\n    attributes:\n      label: Checks\n      options: [{ label: Name }]\n`,
      'incident.yml: body[1] (Checks): checkbox option "Name" is also the label of body[0] (Name); checkbox labels must differ from field labels.',
    ],
    [
      'a label with nothing to slugify',
      `${base}  - type: input\n    attributes: { label: '???' }\n`,
      'incident.yml: body[0] (???): the label has no letters or digits to make an id from; give the element an `id`.',
    ],
  ])('explains %s', (_name, yamlText, message) => {
    let error: unknown
    try {
      parseFormTemplate(yamlText, 'incident.yml')
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(FormTemplateError)
    const text = (error as FormTemplateError).message
    expect(text).toBe(message)
    expect((error as FormTemplateError).problems.join('\n')).toBe(text)
  })

  it('reports every problem of every element at once', () => {
    expect(() =>
      parseFormTemplate(
        `name: X\ndescription: d\nbody:\n  - type: input\n    attributes: {}\n  - type: foo\n`,
        'x.yml',
      ),
    ).toThrow(
      'x.yml: body[0]: required key `attributes.label` is missing.\nx.yml: body[1]: `foo` is not a valid type; use one of markdown, input, textarea, dropdown, checkboxes.',
    )
  })

  it('names the template "issue form" when no source is given', () => {
    expect(() => parseFormTemplate('name: x')).toThrow(/^issue form: required key `description`/)
  })
})
