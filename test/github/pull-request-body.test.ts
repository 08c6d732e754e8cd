import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  PULL_REQUEST_BODY_LIMIT,
  buildPullRequestBody,
  buildPullRequestTitle,
} from '../../src/github/pull-request-body.js'
import { makeReport } from './report-fixture.js'

const here = dirname(fileURLToPath(import.meta.url))
const files = ['docs/infra-log/2024-05-07.md', 'docs/infra-log/2024-05-07-incidents.svg']

/** Compares with `<case>/expected.md`, which `UPDATE=1` rewrites. */
function expectGolden(name: string, actual: string): void {
  const path = join(here, 'pull-request-body', name, 'expected.md')
  if (process.env.UPDATE === '1') writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

/** The `#N` references in a body, in order. */
function references(body: string): number[] {
  return [...body.matchAll(/(?<![\w/&])#(\d+)\b/g)].map((match) => Number(match[1]))
}

const range = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + i)

describe('buildPullRequestTitle', () => {
  it('names the incident window in the report’s time zone', () => {
    expect(buildPullRequestTitle(makeReport({}))).toBe('Infra Log: Apr 24 – May 7, 2024')
  })
})

describe('buildPullRequestBody', () => {
  it('lists counts, included issues, every skipped issue with reasons, kept edits and how to review', () => {
    const report = makeReport({
      incidents: [
        { title: 'Edge routing errors', impact: 'severe', durationMinutes: 95 },
        { title: 'Disk alert storm', impact: 'none', ongoing: true, durationMinutes: 600 },
      ],
      highlights: [{ title: 'Postgres 16 upgrade', who: ['Ana', '@bo'] }],
      skipped: [
        {
          title: 'DB failover',
          reasons: ['Started: missing (required)', 'Impact: `Bad` is not one of None, Low'],
        },
        {
          label: 'highlight',
          title: 'New CI runners',
          reasons: ['What shipped: missing (required)'],
        },
      ],
    })
    const body = buildPullRequestBody({
      report,
      files,
      keptEdits: ['docs/infra-log/2024-05-07.md'],
      overwritten: [],
      runUrl: 'https://github.com/acme/infra/actions/runs/42',
    })
    expectGolden('typical', body)
    expect(references(body)).toEqual([100, 101, 200, 300, 301])
  })

  it('says when nothing was found, and marks a dry run', () => {
    const body = buildPullRequestBody({
      report: makeReport({}),
      files,
      keptEdits: [],
      overwritten: [],
      dryRun: true,
    })
    expectGolden('empty-dry-run', body)
  })

  it('escapes HTML and neutralizes mentions in titles, names and reasons', () => {
    const report = makeReport({
      incidents: [{ title: '<img src=x onerror=alert(1)> paged @ana' }],
      highlights: [{ title: 'Team @acme/sre', who: ['@bo'] }],
      skipped: [
        { title: '</details> ### Heading', reasons: ['Who: @carol is <b>bold</b>\nsecond line'] },
      ],
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body).not.toMatch(/<img|<b>|<\/details>/)
    expect(body).not.toMatch(/(^|[^\w`/])@(?!&#8203;)[A-Za-z0-9]/m)
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; paged @&#8203;ana')
    expect(body).toContain('  - Who: @&#8203;carol is &lt;b&gt;bold&lt;/b&gt; second line')
    expect(body).not.toMatch(/^### Heading/m)
  })

  it('writes owner/name#N when the report spans several repositories', () => {
    const report = makeReport({
      incidents: [{ repository: 'acme/infra' }],
      skipped: [
        { repository: 'acme/edge', number: 7, url: 'https://github.com/acme/edge/issues/7' },
      ],
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body).toContain(
      '- [acme/infra#100](https://github.com/acme/infra/issues/100) Incident 0',
    )
    expect(body).toContain(
      '- [acme/edge#7](https://github.com/acme/edge/issues/7) Broken 0 (`incident`)',
    )
  })

  it('does not link a URL that is not a web link, and keeps a link from breaking out', () => {
    const report = makeReport({
      skipped: [
        { number: 1, url: 'javascript:alert(1)' },
        { number: 2, url: 'https://github.com/acme/infra/issues/2) [x](https://evil' },
      ],
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body).not.toContain('javascript:')
    expect(body).toContain('- #1 Broken 0')
    expect(body).toContain(
      '[#2](https://github.com/acme/infra/issues/2%29%20%5Bx%5D%28https://evil)',
    )
  })

  it('truncates long reasons first, keeping the included list', () => {
    const report = makeReport({
      incidents: [{ title: 'Kept in the list' }],
      skipped: range(0, 40).map((i) => ({
        number: 1000 + i,
        reasons: ['x'.repeat(3000), 'y'.repeat(3000), 'z'.repeat(3000)],
      })),
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body.length).toBeLessThan(PULL_REQUEST_BODY_LIMIT)
    expect(body).toContain('Kept in the list')
    expect(body).toContain(
      `  - ${'x'.repeat(199)}…\n  - ${'y'.repeat(199)}…\n  - ${'z'.repeat(199)}…`,
    )
    expect(references(body)).toEqual([100, ...range(1000, 40)])
  })

  it('collapses the included list to counts before shortening the skipped list', () => {
    const report = makeReport({
      incidents: range(0, 400).map((i) => ({ title: `Incident number ${i} `.repeat(8) })),
      skipped: range(0, 60).map((i) => ({
        number: 5000 + i,
        reasons: ['r'.repeat(300), 's'.repeat(300)],
      })),
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body.length).toBeLessThan(PULL_REQUEST_BODY_LIMIT)
    expect(body).not.toContain('### Incidents')
    expect(body).toContain('**400 incidents (impact: 400 None; 12d 12h in all)**')
    expect(body).toContain(`  - ${'r'.repeat(199)}…\n  - ${'s'.repeat(199)}…`)
    expect(references(body)).toEqual(range(5000, 60))
  })

  it('keeps every number of 5,000 skipped issues with long reasons, under the limit', () => {
    const report = makeReport({
      incidents: [{}],
      skipped: range(0, 5000).map((i) => ({
        number: 10_000 + i,
        url: `https://github.com/acme/infra/issues/${10_000 + i}`,
        title: `A long broken title ${i} `.repeat(20),
        reasons: [
          `Started: \`${'2024-13-45 '.repeat(50)}\` is not a time`,
          'Impact: missing (required)',
          'x'.repeat(5000),
        ],
      })),
    })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body.length).toBeLessThan(PULL_REQUEST_BODY_LIMIT)
    expect(references(body)).toEqual(range(10_000, 5000))
    expect(body).toContain('There are too many to give reasons here; the job summary has them.')
    expect(body).toContain('**5000 skipped issues**')
  })

  it('lists as many numbers as fit, then counts the rest', () => {
    const report = makeReport({ skipped: range(0, 20_000).map((i) => ({ number: 100_000 + i })) })
    const body = buildPullRequestBody({ report, files, keptEdits: [], overwritten: [] })
    expect(body.length).toBeLessThan(PULL_REQUEST_BODY_LIMIT)
    const shown = references(body)
    expect(shown.length).toBeGreaterThan(7000)
    expect(shown).toEqual(range(100_000, shown.length))
    expect(body).toContain(`#${100_000 + shown.length - 1} and ${20_000 - shown.length} more.`)
  })

  it('stays under the limit whatever the file lists and run URL hold', () => {
    const report = makeReport({ skipped: range(0, 3).map((i) => ({ number: i + 1 })) })
    const many = range(0, 1000).map((i) => `docs/${'deep/'.repeat(100)}${i}.md`)
    const body = buildPullRequestBody({
      report,
      files: many,
      keptEdits: many,
      overwritten: many,
      runUrl: `https://github.com/${'a'.repeat(100_000)}`,
    })
    expect(body.length).toBeLessThan(PULL_REQUEST_BODY_LIMIT)
    expect(body).toContain('- …and 950 more files')
    expect(references(body)).toEqual([1, 2, 3])
  })

  it('is byte-stable', () => {
    const params = {
      report: makeReport({ incidents: [{}], skipped: [{}] }),
      files,
      keptEdits: [],
      overwritten: [],
    }
    expect(buildPullRequestBody(params)).toBe(buildPullRequestBody(params))
  })
})
