import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { FormTemplate } from '../../src/forms/form-template.js'
import { parseFormTemplate } from '../../src/forms/parse-form-template.js'
import { parseIssueForm } from '../../src/forms/parse-issue-form.js'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'

// One folder per case: `body.md` (or `body-crlf.md`, kept byte for byte by .gitattributes),
// `template.yml` or a `kind` file naming a shipped form (default: incident), and
// `expected.json`. `UPDATE=1 npx vitest run test/forms` rewrites expected.json; review the diff.
const FIXTURES = new URL('./fixtures/', import.meta.url)
const CASES = readdirSync(FIXTURES).sort()

function file(name: string, fileName: string): URL {
  return new URL(`${name}/${fileName}`, FIXTURES)
}

function readBody(name: string): string {
  const crlf = file(name, 'body-crlf.md')
  return readFileSync(existsSync(crlf) ? crlf : file(name, 'body.md'), 'utf8')
}

function readTemplate(name: string): FormTemplate {
  if (existsSync(file(name, 'template.yml'))) {
    return parseFormTemplate(readFileSync(file(name, 'template.yml'), 'utf8'), 'template.yml')
  }
  if (!existsSync(file(name, 'kind'))) return shippedTemplate('incident')
  const kind = readFileSync(file(name, 'kind'), 'utf8').trim()
  if (kind !== 'incident' && kind !== 'highlight') throw new Error(`${name}/kind: ${kind}`)
  return shippedTemplate(kind)
}

describe('parseIssueForm fixtures', () => {
  it('has the cases this suite is about', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(27)
  })

  it.each(CASES)('%s', (name) => {
    const actual = parseIssueForm(readBody(name), readTemplate(name))
    const expectedFile = file(name, 'expected.json')
    if (process.env['UPDATE'] === '1') {
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`)
    }
    expect(existsSync(expectedFile), `${name}/expected.json is missing; run with UPDATE=1`).toBe(
      true,
    )
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')))
  })
})

describe('parseIssueForm', () => {
  const incident = shippedTemplate('incident')

  it('reads a CRLF body exactly like the same body with LF', () => {
    const crlf = readBody('crlf-github-incident')
    expect(crlf).toContain('\r\n')
    const lf = readBody('github-incident-full')
    expect(crlf.replace(/\r\n/g, '\n')).toBe(lf)
    expect(parseIssueForm(crlf, incident)).toEqual(parseIssueForm(lf, incident))
    expect(parseIssueForm(lf.replace(/\n/g, '\r'), incident)).toEqual(parseIssueForm(lf, incident))
  })

  it.each([null, undefined, '', '   \n\n'])('reads %j as a body without fields', (body) => {
    const parsed = parseIssueForm(body, incident)
    expect(Object.values(parsed.fields).every((value) => value === null)).toBe(true)
    expect(parsed.problems).toEqual([
      {
        kind: 'body',
        message:
          'No field of the Incident form was found: the body is empty; expected headings like `### Started` and `### Resolved`, each followed by its value.',
      },
    ])
  })

  it('keeps NUL characters of a value as they are', () => {
    const body = '### Started\n\nnow\n\n### Impact\n\nLow\n\n### What happened\n\na\u0000b'
    const parsed = parseIssueForm(body, incident)
    expect(parsed.fields['summary']).toBe('a\u0000b')
    expect(parsed.problems).toEqual([])
  })

  it('reads a megabyte body with a pasted log in well under a second', () => {
    const log =
      '2024-04-24T12:30:01Z ERROR upstream reset before headers -> retry id=1234\n' +
      '[INFO] retrying in 250ms (attempt 2 of 5)\n' +
      '    at connect (node:net:1234:16)\n'
    const summary = `It broke.\n\n\`\`\`\n${log.repeat(7_000)}\`\`\``
    const body = `### Started\n\nnow\n\n### Impact\n\nLow\n\n### What happened\n\n${summary}\n\n### Customer impact\n\nnone`
    expect(body.length).toBeGreaterThan(1_000_000)
    const start = performance.now()
    const parsed = parseIssueForm(body, incident)
    const elapsed = performance.now() - start
    expect(parsed.fields['summary']).toBe(summary)
    expect(parsed.fields['customer-impact']).toBeNull()
    expect(parsed.problems).toEqual([])
    expect(elapsed).toBeLessThan(500)
  })

  it('stays fast on a body built to be slow for a markdown parser', () => {
    // Nested list items take micromark time that grows with the square of their number.
    const body = '```\n```\n' + '- - - - x\n- - - y\n'.repeat(3_000) + '### Started\n\nnow'
    const start = performance.now()
    const parsed = parseIssueForm(body, incident)
    expect(performance.now() - start).toBeLessThan(500)
    expect(parsed.fields['started']).toBe('now')
    expect(parsed.problems.map((problem) => problem.message)).toContain(
      'The body has too many lines, list items or quotes to check which `### ` lines are inside code blocks or lists, so every `### <field label>` line was read as a section; shorten the body or put long logs in one code block.',
    )
  })
})
