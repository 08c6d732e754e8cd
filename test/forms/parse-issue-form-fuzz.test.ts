import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FormTemplate, ParsedForm } from '../../src/forms/form-template.js'
import { parseFormTemplate } from '../../src/forms/parse-form-template.js'
import { parseIssueForm } from '../../src/forms/parse-issue-form.js'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'

const fixture = (name: string, file: string) =>
  readFileSync(new URL(`./fixtures/${name}/${file}`, import.meta.url), 'utf8')

const FORMS: { template: FormTemplate; body: string }[] = [
  { template: shippedTemplate('incident'), body: fixture('github-incident-full', 'body.md') },
  { template: shippedTemplate('incident'), body: fixture('heading-inside-code-fence', 'body.md') },
  { template: shippedTemplate('highlight'), body: fixture('github-highlight', 'body.md') },
  {
    template: parseFormTemplate(fixture('checkboxes', 'template.yml')),
    body: fixture('checkboxes', 'body.md'),
  },
  {
    template: parseFormTemplate(fixture('render-textarea', 'template.yml')),
    body: fixture('render-textarea', 'body.md'),
  },
  {
    template: parseFormTemplate(fixture('dropdown-options-with-commas', 'template.yml')),
    body: fixture('dropdown-options-with-commas', 'body.md'),
  },
]

/** What every result must look like, whatever the body. */
function expectShape(parsed: ParsedForm, template: FormTemplate): void {
  expect(Object.keys(parsed.fields).sort()).toEqual(template.fields.map((f) => f.id).sort())
  for (const field of template.fields) {
    const value = parsed.fields[field.id]
    if (value === null) continue
    if (field.type === 'input' || field.type === 'textarea') {
      expect(typeof value).toBe('string')
      expect((value as string).trim()).not.toBe('')
    } else if (field.type === 'dropdown') {
      expect(Array.isArray(value)).toBe(true)
      expect((value as string[]).length).toBeGreaterThan(0)
      for (const choice of value as string[]) {
        expect(typeof choice).toBe('string')
        expect(choice.trim()).toBe(choice)
        expect(choice).not.toBe('')
      }
    } else {
      expect(Object.keys(value as object).sort()).toEqual(['selected', 'unselected'])
    }
  }
  const labels = new Set(template.fields.map((field) => field.label))
  for (const problem of parsed.problems) {
    expect(typeof problem.message).toBe('string')
    expect(problem.message.length).toBeGreaterThan(10)
    if (problem.field !== undefined) expect(labels.has(problem.field)).toBe(true)
  }
}

const NOISE_LINES = [
  '',
  '```',
  '~~~',
  '<details>',
  '<!--',
  '-->',
  '- item',
  '  ### Impact',
  '> quote',
  '### Unknown',
  '#### Impact',
  '_No response_',
  'None',
  '- [X] Tests pass',
  '\u0000',
  '\r',
  '🙂 \u202E',
]

type Mutation =
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; a: number; b: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    line: fc.oneof(fc.constantFrom(...NOISE_LINES), fc.string()),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
)

/** Edits a body the way people do: lines added, removed, repeated, headings swapped. */
function mutate(body: string, mutations: Mutation[]): string {
  const lines = body.split('\n')
  const headings = () => lines.flatMap((line, index) => (line.startsWith('### ') ? [index] : []))
  for (const change of mutations) {
    const at = lines.length === 0 ? 0 : ('at' in change ? change.at : 0) % lines.length
    if (change.kind === 'insert') lines.splice(at, 0, change.line)
    if (change.kind === 'delete') lines.splice(at, 1)
    if (change.kind === 'duplicate' && lines[at] !== undefined) lines.splice(at, 0, lines[at])
    if (change.kind === 'swap') {
      const found = headings()
      const a = found[change.a % Math.max(found.length, 1)]
      const b = found[change.b % Math.max(found.length, 1)]
      if (a !== undefined && b !== undefined) {
        ;[lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? '']
      }
    }
  }
  return lines.join('\n')
}

describe('parseIssueForm on any input', () => {
  it('never throws and always returns every field, on random text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMS),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 })),
        ({ template }, body) => {
          expectShape(parseIssueForm(body, template), template)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('never throws and always returns every field, on edited real bodies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMS),
        fc.array(mutation, { maxLength: 12 }),
        ({ template, body }, mutations) => {
          expectShape(parseIssueForm(mutate(body, mutations), template), template)
        },
      ),
      { numRuns: 800 },
    )
  })

  it('reads CRLF line breaks exactly like LF ones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMS),
        fc.array(mutation, { maxLength: 8 }),
        ({ template, body }, mutations) => {
          const lf = mutate(body, mutations).replace(/\r/g, '')
          expect(parseIssueForm(lf.replace(/\n/g, '\r\n'), template)).toEqual(
            parseIssueForm(lf, template),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads an unedited body without problems, whatever other sections say', () => {
    for (const { template, body } of FORMS) {
      expect(parseIssueForm(body, template).problems).toEqual([])
    }
  })
})
