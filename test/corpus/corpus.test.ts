// The adversarial corpus: one folder per hostile issue under cases/, each with the GitHub issue
// (issue.json, plus body-recipe.json for bodies too large to commit) and exactly where it must
// end (expected.json). `UPDATE=1` rewrites the generated half of expected.json (place, reasons,
// entry) and keeps the hand-written half (about, pageContains, publishedExcludes).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { describe, expect, it } from 'vitest'
import type { SitePreset } from '../../src/inputs.js'
import { GitHubIssueSchema, type GitHubIssue } from '../../src/model/issue.js'
import type { BuildResult } from '../../src/report/build-report.js'
import { computeWindow } from '../../src/report/window.js'
import { renderHighlightEntry, renderIncidentEntry } from '../../src/render/page-sections.js'
import {
  expectedHeadings,
  FRONT_MATTER_KEYS,
  isActiveAttribute,
  isOwnHtml,
  inspectMarkup,
  readPage,
  readSvg,
  SVG_ELEMENTS,
  withoutDefusers,
} from '../properties/output-checks.js'
import { build, publish, type Published } from '../properties/pipeline.js'

const CASES = join(import.meta.dirname, 'cases')
const UPDATE = process.env.UPDATE === '1'
const REPOSITORY = 'acme/platform'

// Every case is read for the same week: incidents Apr 24 – May 7, 2024, highlights May 1 – 7.
const WINDOW = computeWindow({
  asOf: '2024-05-07',
  timezone: 'America/New_York',
  incidentWindowDays: 14,
  highlightWindowDays: 7,
})

/** Where the issue ended. `ignored`: nowhere, as a pull request must. */
type Place = 'incident' | 'highlight' | 'skipped' | 'out' | 'ignored'

/** The entry as rendered, or its fingerprint when it is too long to read in review. */
type Entry = string | { head: string; tail: string; length: number; sha256: string } | null

type Expected = {
  /** Hand-written: what the case is about. */
  about: string
  /** Hand-written: snippets the page must contain. */
  pageContains: string[]
  /** Hand-written: snippets no published text may contain (files, pull request body, summary). */
  publishedExcludes: string[]
  /** Generated: where the issue ended. */
  place?: Place
  /** Generated: the skip reasons, when skipped. */
  reasons?: string[]
  /** Generated: the rendered entry, when in the report. */
  entry?: Entry
}

const LONG_ENTRY = 2_000

function readCase(name: string): { issue: unknown; expected: Expected } {
  const dir = join(CASES, name)
  const raw = JSON.parse(readFileSync(join(dir, 'issue.json'), 'utf8')) as Record<string, unknown>
  const recipePath = join(dir, 'body-recipe.json')
  if (existsSync(recipePath)) {
    const recipe = JSON.parse(readFileSync(recipePath, 'utf8')) as {
      placeholder: string
      repeat: string
      times: number
    }
    raw.body = String(raw.body).replace(recipe.placeholder, recipe.repeat.repeat(recipe.times))
  }
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected
  return { issue: raw, expected }
}

/** The issue as fetch-issues.ts hands it on: schema-checked, with its repository. */
function asFetched(raw: unknown): GitHubIssue {
  return GitHubIssueSchema.parse({ ...(raw as object), repository: REPOSITORY })
}

function placeOf(built: BuildResult, issue: GitHubIssue): { place: Place; count: number } {
  const { report, outOfWindow } = built
  const is = (entry: { number: number }) => entry.number === issue.number
  const found: Place[] = [
    ...report.incidents.filter(is).map((): Place => 'incident'),
    ...report.highlights.filter(is).map((): Place => 'highlight'),
    ...report.skipped.filter(is).map((): Place => 'skipped'),
    ...outOfWindow.filter(is).map((): Place => 'out'),
  ]
  return { place: found[0] ?? 'ignored', count: found.length }
}

function entryOf(built: BuildResult, issue: GitHubIssue): Entry {
  const { report } = built
  const incident = report.incidents.find((i) => i.number === issue.number)
  const highlight = report.highlights.find((h) => h.number === issue.number)
  const text =
    incident !== undefined
      ? renderIncidentEntry(incident, report)
      : highlight !== undefined
        ? renderHighlightEntry(highlight)
        : null
  if (text === null || text.length <= LONG_ENTRY) return text
  return {
    head: text.slice(0, 200),
    tail: text.slice(-200),
    length: text.length,
    sha256: createHash('sha256').update(text).digest('hex'),
  }
}

/** Every text a run publishes, by name; the report JSON is data, not markup, and is left out. */
function publishedTexts(published: Published): [string, string][] {
  return [
    ...published.rendered.files,
    ['pull request body', published.pullRequestBody],
    ['job summary', published.jobSummary],
  ]
}

/**
 * What must hold for every case, whatever it is about, for one site preset; the texts that do
 * not depend on the preset (diagram, pull request body, job summary) are read for the first.
 */
function checkInvariants(built: BuildResult, site: SitePreset, all: boolean): Published {
  const published = publish(built, { site })
  const { rendered } = published
  const page = rendered.files.get(rendered.paths.page) ?? ''
  const outline = readPage(page)
  expect(outline.frontMatter === null ? null : Object.keys(outline.frontMatter)).toEqual(
    FRONT_MATTER_KEYS[site],
  )
  expect(outline.headings.map((h) => ({ ...h, text: withoutDefusers(h.text) }))).toEqual(
    expectedHeadings(built.report, site).map((h) => ({ ...h, text: withoutDefusers(h.text) })),
  )
  expect(outline.thematicBreaks).toBe(0)
  expect(outline.html.filter((html) => !isOwnHtml(html))).toEqual([])
  expect(inspectMarkup(page)).toEqual({ mentions: [], scripts: [] })
  if (!all) return published

  const svg = readSvg(rendered.files.get(rendered.paths.diagram) ?? '')
  expect(svg.valid ? 'valid' : svg.error).toBe('valid')
  if (svg.valid) {
    expect(svg.incidentNumbers).toEqual(built.report.incidents.map((i) => i.number))
    expect(svg.elements.filter((name) => !SVG_ELEMENTS.includes(name))).toEqual([])
    expect(svg.attributes.filter(isActiveAttribute)).toEqual([])
  }
  for (const [name, markdown] of [
    ['pull request body', published.pullRequestBody],
    ['job summary', published.jobSummary],
  ] as const) {
    expect({ name, ...inspectMarkup(markdown) }).toEqual({ name, mentions: [], scripts: [] })
  }
  return published
}

/** JSON with the invisible characters (zero-width, bidi, BOM) written as escapes, for review. */
function readableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}\n`
}

const names = readdirSync(CASES).sort()

describe('adversarial corpus', () => {
  it('has at least 40 cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of names) {
    it(name, async () => {
      const { issue: raw, expected } = readCase(name)
      const issue = asFetched(raw)
      const built = build([issue], WINDOW)
      const { place, count } = placeOf(built, issue)
      expect(count).toBeLessThanOrEqual(1)

      const published = checkInvariants(built, 'plain', true)
      checkInvariants(built, 'hugo', false)

      const actual = {
        place,
        ...(place === 'skipped'
          ? { reasons: built.report.skipped.find((s) => s.number === issue.number)?.reasons }
          : {}),
        ...(place === 'incident' || place === 'highlight' ? { entry: entryOf(built, issue) } : {}),
      }
      if (UPDATE) {
        const hand = {
          about: expected.about,
          pageContains: expected.pageContains,
          publishedExcludes: expected.publishedExcludes,
        }
        const next = { ...hand, ...actual }
        const path = join(CASES, name, 'expected.json')
        // Formatted as the repository's Prettier settings would, so the check stays green.
        const options = { ...(await resolveConfig(path)), filepath: path }
        writeFileSync(path, await format(readableJson(next), options))
        return
      }
      expect(actual).toEqual({
        place: expected.place,
        ...(expected.reasons === undefined ? {} : { reasons: expected.reasons }),
        ...(expected.entry === undefined ? {} : { entry: expected.entry }),
      })

      const page = published.rendered.files.get(published.rendered.paths.page) ?? ''
      for (const snippet of expected.pageContains) {
        expect({ snippet, found: page.includes(snippet) }).toEqual({ snippet, found: true })
      }
      for (const [where, text] of publishedTexts(published)) {
        for (const snippet of expected.publishedExcludes) {
          expect({ where, snippet, found: text.includes(snippet) }).toEqual({
            where,
            snippet,
            found: false,
          })
        }
      }
    })
  }
})
