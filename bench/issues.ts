// Synthetic labelled issues for the benchmark: the sample team's incident and highlight texts,
// re-dated into the benchmark's window and varied (time formats, impact, open or closed), so N
// issues read like N real ones and not like one issue N times.
import { parseIssueForm } from '../src/forms/parse-issue-form.js'
import { labelNames } from '../src/model/issue.js'
import { shippedTemplate } from '../src/forms/shipped-forms.js'
import { SAMPLE_ISSUES } from '../src/sample/sample-issues.js'
import type { IssueSeed } from '../test/fake-github/index.js'

/** The report the benchmark asks for: as of this day, in this zone. */
export const BENCH_AS_OF = '2024-05-07'
export const BENCH_TIMEZONE = 'America/New_York'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Windows as the action computes them for BENCH_AS_OF in New York (EDT, UTC-4), default lengths.
const WINDOW_END = Date.parse('2024-05-08T04:00:00Z')
const INCIDENT_START = WINDOW_END - 14 * DAY
const HIGHLIGHT_START = WINDOW_END - 7 * DAY
// The action lists issues updated up to 7 days before the earliest window start.
const LISTED_FROM = INCIDENT_START - 7 * DAY

/** Share of the issues that are incidents (the rest are highlights), and that fall in the window. */
const INCIDENT_SHARE = 0.6
const INSIDE_SHARE = 0.8
/** Of the incidents inside the window, this share is still open with no end (ongoing). */
const ONGOING_SHARE = 0.01
/** This share of incidents is unusable (Started is prose), so the skipped path is exercised. */
const UNUSABLE_SHARE = 0.01

const NO_RESPONSE = '_No response_'

type Texts = Record<string, string>

/** The text fields of the sample's usable incidents and highlights, read with infra-log's parser. */
function sampleTexts(kind: 'incident' | 'highlight'): Array<{ title: string; texts: Texts }> {
  const template = shippedTemplate(kind)
  return SAMPLE_ISSUES.filter((issue) => labelNames(issue).includes(kind))
    .map((issue) => ({ issue, parsed: parseIssueForm(issue.body, template) }))
    .filter(({ parsed }) => parsed.problems.length === 0)
    .map(({ issue, parsed }) => ({
      title: issue.title.replace(/^\[Incident\]:\s*/, ''),
      texts: Object.fromEntries(
        Object.entries(parsed.fields).map(([id, value]) => [
          id,
          value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value),
        ]),
      ),
    }))
}

function formBody(kind: 'incident' | 'highlight', values: Texts): string {
  return shippedTemplate(kind)
    .fields.map((field) => {
      const value = values[field.id] ?? ''
      const empty = field.type === 'dropdown' ? 'None' : NO_RESPONSE
      return `### ${field.label}\n\n${value === '' ? empty : value}`
    })
    .join('\n\n')
}

/** A small deterministic generator (mulberry32): the same N gives the same issues every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** `2024-04-30 14:05`-style wall-clock text of an instant at a fixed offset (hours). */
function wallClock(ms: number, offsetHours: number): string {
  return new Date(ms + offsetHours * HOUR).toISOString().slice(0, 16).replace('T', ' ')
}

/** The ways people write a time on the form (New York is on EDT for the whole window). */
function writeTime(ms: number, style: number): string {
  switch (style % 4) {
    case 0:
      return `${wallClock(ms, -4).replace(' ', 'T')}-04:00`
    case 1:
      return `${wallClock(ms, -4)} America/New_York`
    case 2:
      return `${wallClock(ms, 0)} UTC`
    default:
      return `${wallClock(ms, -4)} EDT`
  }
}

function writeDuration(minutes: number, style: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (style % 3 === 0) return `${minutes} minutes`
  if (hours === 0) return `${rest}m`
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`
}

/** A benchmark issue: what is seeded into the fake, and where it should end up. */
export type BenchIssue = IssueSeed & {
  number: number
  body: string
  kind: 'incident' | 'highlight'
  inWindow: boolean
}

/**
 * `count` labelled issues numbered from 1, all updated since the action's listing starts: 60%
 * incidents, 40% highlights, 80% inside their window and 20% in the look-back week before it.
 */
export function generateIssues(count: number, seed = 20240507): BenchIssue[] {
  const next = random(seed)
  const incidents = sampleTexts('incident')
  const highlights = sampleTexts('highlight')
  const logins = ['aokafor', 'dvolkov', 'ktanaka', 'lbrandt', 'mfernandez', 'praman', 'soneill']
  const associations = ['MEMBER', 'MEMBER', 'OWNER', 'COLLABORATOR'] as const
  const impacts = shippedTemplate('incident').fields.find((f) => f.id === 'impact')?.options ?? []
  const issues: BenchIssue[] = []
  for (let number = 1; number <= count; number++) {
    const inWindow = next() < INSIDE_SHARE
    const user = logins[number % logins.length] ?? 'octocat'
    const author_association = associations[number % associations.length] ?? 'MEMBER'
    if (next() < INCIDENT_SHARE) {
      const sample = incidents[number % incidents.length]
      const minutes = 5 + Math.floor(next() * 6 * 60)
      // Inside: starts in the incident window, at least a day before it ends; outside: starts and
      // ends in the look-back week.
      const started = inWindow
        ? INCIDENT_START + next() * (WINDOW_END - INCIDENT_START - DAY)
        : LISTED_FROM + HOUR + next() * (INCIDENT_START - LISTED_FROM - 8 * HOUR)
      const startedAt = Math.floor(started / 60_000) * 60_000
      const endedAt = startedAt + minutes * 60_000
      const ongoing = inWindow && next() < ONGOING_SHARE
      const unusable = next() < UNUSABLE_SHARE
      const style = Math.floor(next() * 1000)
      const texts: Texts = {
        ...sample?.texts,
        started: unusable ? 'sometime on Tuesday afternoon' : writeTime(startedAt, style),
        resolved: ongoing || style % 2 === 1 ? '' : writeTime(endedAt, style >> 2),
        duration: ongoing || style % 2 === 0 ? '' : writeDuration(minutes, style >> 2),
        impact: impacts[style % impacts.length] ?? 'Low',
      }
      const closedAt = endedAt + 30 * 60_000
      issues.push({
        number,
        kind: 'incident',
        inWindow,
        title: `[Incident]: ${sample?.title ?? 'Incident'} (${number})`,
        labels: ['incident'],
        user,
        author_association,
        body: formBody('incident', texts),
        created_at: iso(startedAt + 10 * 60_000),
        updated_at: iso(ongoing ? startedAt + 20 * 60_000 : closedAt),
        ...(ongoing ? { state: 'open' as const } : { state: 'closed' as const }),
        closed_at: ongoing ? null : iso(closedAt),
      })
    } else {
      const sample = highlights[number % highlights.length]
      const shippedDay = inWindow
        ? HIGHLIGHT_START + Math.floor(next() * 7) * DAY
        : LISTED_FROM + Math.floor(next() * 14) * DAY
      const closedAt = shippedDay + 14 * HOUR + Math.floor(next() * 6 * 60) * 60_000
      issues.push({
        number,
        kind: 'highlight',
        inWindow,
        title: `${sample?.title ?? 'Highlight'} (${number})`,
        labels: ['highlight'],
        user,
        author_association,
        body: formBody('highlight', {
          ...sample?.texts,
          shipped: next() < 0.8 ? wallClock(closedAt, -4).slice(0, 10) : '',
        }),
        created_at: iso(closedAt - 2 * HOUR),
        updated_at: iso(closedAt),
        state: 'closed',
        closed_at: iso(closedAt),
      })
    }
  }
  return issues
}
