import fc from 'fast-check'
import { DateTime } from 'luxon'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'
import type { SitePreset } from '../../src/inputs.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import type { Window } from '../../src/report/report.js'
import { computeWindow } from '../../src/report/window.js'

// Generators of whole issue sets for the property tests: valid incidents and highlights with
// random times, durations and impacts, unusable ones, outsiders, pull requests, issues listed
// twice, in any order, for a random window and time zone.

/** The shipped forms, as a run without custom templates reads issues. */
export const TEMPLATES = {
  incident: shippedTemplate('incident'),
  highlight: shippedTemplate('highlight'),
}

/** The default labels and trust settings. */
export const LABELS = { incident: 'incident', highlight: 'highlight' }
export const CONFIRMED_LABEL = 'infra-log:confirmed'
export const TRUSTED = ['OWNER', 'MEMBER', 'COLLABORATOR']

const REPOSITORIES = ['acme/platform', 'acme/edge'] as const
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
]
const DAY = 86_400_000
const MINUTE = 60_000

/** Text that has broken markdown, HTML, SVG or mention handling somewhere, once. */
export const NASTY_FRAGMENTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '@ana',
  '@acme/sre',
  '### Started',
  '## Post-mortems',
  '# Title',
  // A fence must open a line; one that opens mid-line is text, and a later one runs to the end.
  '\n\n```\n### Impact\n```\n\n',
  '</svg>',
  ']]>',
  '<!--',
  '-->',
  '<!-- infra-log:editor-note:end -->',
  '{{ site.title }}',
  '{% raw %}',
  '\u202Eevil',
  '👩‍💻🔥',
  'שלום עולם',
  'zero\u200Bwidth',
  'line\r\nbreak',
  'nul\u0000byte',
  '---',
  '[x](javascript:alert(1))',
  '![i](data:image/png;base64,AAAA)',
  '*',
  '_',
  '|',
  '\\',
  '&amp;',
  '1. item',
  '- item',
  '> quote',
  '    indented code',
  ': colon',
  'https://example.com/a_(b)',
]

const word = fc.constantFrom(
  'DNS',
  'resolver',
  'outage',
  'rollout',
  'cache',
  'Ana',
  'Bo',
  'api-gateway',
  'v1.2',
  'sjc',
)

/** Plain words mixed with hostile fragments and random code points. */
export const text: fc.Arbitrary<string> = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: word }, fc.constantFrom(...NASTY_FRAGMENTS), fc.string()),
    {
      minLength: 0,
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(' '))

const nonEmptyText = fc.tuple(word, text).map(([first, rest]) => `${first} ${rest}`)

/** A report window, chosen among time zones and window lengths that have broken date code. */
export type WindowSpec = { window: Window; startMs: number; endMs: number }

export const windowArb: fc.Arbitrary<WindowSpec> = fc
  .record({
    asOf: fc.constantFrom('2024-03-12', '2024-05-07', '2024-11-05', '2024-12-31', '2025-01-01'),
    timezone: fc.constantFrom(...ZONES),
    incidentWindowDays: fc.constantFrom(1, 7, 10, 14),
    highlightWindowDays: fc.constantFrom(1, 7, 14),
  })
  .map((params) => {
    const window = computeWindow(params)
    return {
      window,
      startMs: Math.min(Date.parse(window.incidents.start), Date.parse(window.highlights.start)),
      endMs: Date.parse(window.incidents.end),
    }
  })

/** What the generator knows about an issue, so properties can check more than bookkeeping. */
export type IssueKind =
  | 'incident'
  | 'highlight'
  | 'both'
  | 'unusable'
  | 'outsider'
  | 'confirmed-outsider'
  | 'pull-request'
  | 'unlabelled'

/**
 * Where the generator put an entry in time, when that is known without reading the body the
 * way infra-log does: an incident written with explicit offsets, a highlight's shipped day.
 */
export type Oracle =
  | { kind: 'incident'; startMs: number; endMs: number | null; minutes: number | null }
  | { kind: 'highlight'; day: string }

export type GeneratedIssue = { kind: IssueKind; issue: GitHubIssue; oracle: Oracle | null }

const IMPACT_OPTIONS = [
  'None: no customer impact',
  'Low: a few customers, minor disruption',
  'Moderate: some customers or one region',
  'High: many customers or several regions',
  'Severe: fleetwide or critical path down',
  // `None` alone is what GitHub writes for an empty dropdown, so a level needs more words.
  'none: no customer impact',
  'SEVERE',
  'Moderate',
]

/** An instant written the ways people write one in the form. */
function writeTime(ms: number, style: number, timezone: string): string {
  const utc = DateTime.fromMillis(ms, { zone: 'utc' })
  switch (style % 5) {
    case 0:
      return utc.setZone('UTC-4').toFormat("yyyy-MM-dd'T'HH:mmZZ")
    case 1:
      return `${utc.toFormat('yyyy-MM-dd HH:mm')} UTC`
    case 2:
      return `${utc.setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm')} America/New_York`
    case 3:
      // No zone: the configured one.
      return utc.setZone(timezone).toFormat('yyyy-MM-dd HH:mm')
    default:
      return `${utc.setZone('UTC-5').toFormat('yyyy-MM-dd HH:mm')} EST`
  }
}

function writeDuration(minutes: number, style: number): string {
  if (style % 3 === 0) return `${minutes}m`
  if (style % 3 === 1) return `${minutes} minutes`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return hours === 0 ? `${rest}m` : rest === 0 ? `${hours}h` : `${hours}h ${rest}m`
}

function formBody(fields: [string, string][], crlf: boolean): string {
  const body = fields.map(([label, value]) => `### ${label}\n\n${value}`).join('\n\n')
  return crlf ? body.replace(/\n/g, '\r\n') : body
}

const NO_RESPONSE = '_No response_'

type Life = { created: number; closed: number | null }

const incidentArb = (spec: WindowSpec) =>
  fc
    .record({
      startOffset: fc.integer({ min: -25 * 24 * 60, max: 20 * 24 * 60 }),
      minutes: fc.integer({ min: 1, max: 6 * 24 * 60 }),
      endStyle: fc.constantFrom('resolved', 'duration', 'none'),
      timeStyle: fc.nat(),
      impact: fc.constantFrom(...IMPACT_OPTIONS),
      services: fc.subarray(['API', 'DNS', 'Edge <cache>', '@ana']),
      regions: fc.constantFrom('', 'sjc, ams', 'iad fra'),
      summary: nonEmptyText,
      customerImpact: fc.option(text, { nil: undefined }),
      postmortem: fc.option(nonEmptyText, { nil: undefined }),
      closed: fc.boolean(),
      crlf: fc.boolean(),
    })
    .map((f) => {
      const started = spec.startMs + f.startOffset * MINUTE
      const ended = started + f.minutes * MINUTE
      const body = formBody(
        [
          ['Started', writeTime(started, f.timeStyle, spec.window.timezone)],
          [
            'Resolved',
            f.endStyle === 'resolved'
              ? writeTime(ended, f.timeStyle + 1, spec.window.timezone)
              : NO_RESPONSE,
          ],
          [
            'Duration',
            f.endStyle === 'duration' ? writeDuration(f.minutes, f.timeStyle) : NO_RESPONSE,
          ],
          ['Impact', f.impact],
          ['Affected services', f.services.length === 0 ? 'None' : f.services.join(', ')],
          ['Regions', f.regions === '' ? NO_RESPONSE : f.regions],
          ['What happened', f.summary],
          ['Customer impact', f.customerImpact ?? NO_RESPONSE],
          ['Post-mortem', f.postmortem ?? NO_RESPONSE],
        ],
        f.crlf,
      )
      const life: Life = {
        created: started + 5 * MINUTE,
        closed: f.closed ? Math.max(ended, started + 10 * MINUTE) : null,
      }
      // Offsets written out (ISO, UTC, EST) read back exactly; local times may fall in a gap.
      const explicit = (style: number) => [0, 1, 4].includes(style % 5)
      const exact =
        explicit(f.timeStyle) && (f.endStyle !== 'resolved' || explicit(f.timeStyle + 1))
      const endMs = f.endStyle === 'none' ? life.closed : ended
      const oracle: Oracle | null = exact
        ? {
            kind: 'incident',
            startMs: started,
            endMs,
            minutes: endMs === null ? null : (endMs - started) / MINUTE,
          }
        : null
      return { body, life, oracle }
    })

const highlightArb = (spec: WindowSpec) =>
  fc
    .record({
      // Who is required by the form; an empty one is in the unusable bodies.
      who: fc.constantFrom('Ana Lima', 'Ana, Bo', '@ana', '@acme/sre, Cy', 'ana@example.com'),
      summary: nonEmptyText,
      shippedOffset: fc.option(fc.integer({ min: -20, max: 5 }), { nil: undefined }),
      links: fc.option(
        fc.constantFrom('- https://example.com/pr/1', '[doc](javascript:x)', 'plain'),
        {
          nil: undefined,
        },
      ),
      lifeOffset: fc.integer({ min: -20 * 24 * 60, max: 5 * 24 * 60 }),
      closed: fc.boolean(),
    })
    .map((f) => {
      const shipped =
        f.shippedOffset === undefined
          ? NO_RESPONSE
          : (DateTime.fromMillis(spec.endMs + f.shippedOffset * DAY, {
              zone: spec.window.timezone,
            }).toISODate() ?? '')
      const body = formBody(
        [
          ['Who', f.who],
          ['What shipped', f.summary],
          ['Shipped on', shipped],
          ['Links', f.links ?? NO_RESPONSE],
        ],
        false,
      )
      const created = spec.endMs + f.lifeOffset * MINUTE
      const life: Life = { created, closed: f.closed ? created + DAY : null }
      const fallback = DateTime.fromMillis(life.closed ?? life.created, {
        zone: spec.window.timezone,
      })
      const oracle: Oracle = {
        kind: 'highlight',
        day: shipped === NO_RESPONSE ? (fallback.toISODate() ?? '') : shipped,
      }
      return { body, life, oracle }
    })

// Bodies that cannot be used: a field missing, a time that does not exist, a negative duration,
// another form's body, random text, no body at all.
const unusableArb = (spec: WindowSpec) =>
  fc
    .record({
      body: fc.oneof(
        fc.constant(null),
        fc.constant(''),
        text,
        fc.constantFrom(
          '### Started\n\n2024-02-30 10:00 UTC\n\n### Impact\n\nLow\n\n### What happened\n\nx',
          '### Started\n\n2024-05-01 25:00 UTC\n\n### Impact\n\nLow\n\n### What happened\n\nx',
          '### Started\n\n2024-05-01 10:00 Mars/Olympus\n\n### Impact\n\nLow\n\n### What happened\n\nx',
          '### Started\n\n2024-05-01 10:00 UTC\n\n### Duration\n\n-3h\n\n### Impact\n\nLow\n\n### What happened\n\nx',
          '### Started\n\n2024-03-10 02:30 America/New_York\n\n### Impact\n\nLow\n\n### What happened\n\nx',
          '### Who\n\nAna\n\n### What shipped\n\nA highlight body under the incident label',
          '### Impact\n\nLow',
          '### Who\n\n_No response_\n\n### What shipped\n\nx\n\n### Shipped on\n\n_No response_',
          '```\n### Started\n\n2024-05-01 10:00 UTC\n```',
        ),
      ),
      lifeOffset: fc.integer({ min: -20 * 24 * 60, max: 3 * 24 * 60 }),
      closed: fc.boolean(),
    })
    .map((f) => {
      const created = spec.endMs + f.lifeOffset * MINUTE
      const life: Life = { created, closed: f.closed ? created + DAY : null }
      return { body: f.body, life, oracle: null }
    })

const incidentLabel = fc.constantFrom<GitHubIssue['labels'][number]>(
  { name: 'incident' },
  'incident',
  { name: 'Incident' },
  { name: 'INCIDENT', color: 'ff0000' },
)
const highlightLabel = fc.constantFrom<GitHubIssue['labels'][number]>(
  { name: 'highlight' },
  'Highlight',
)

type Draft = {
  kind: IssueKind
  oracle: Oracle | null
  body: string | null
  life: Life
  labels: GitHubIssue['labels']
  association: string | undefined
  pullRequest: boolean
}

/** One issue, before it gets its number and repository. */
const draftArb = (spec: WindowSpec): fc.Arbitrary<Draft> => {
  const trusted = fc.constantFrom('OWNER', 'MEMBER', 'COLLABORATOR', 'member')
  const extra = fc.subarray<GitHubIssue['labels'][number]>([
    { name: 'bug' },
    'sev1',
    { name: undefined },
  ])
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ f: incidentArb(spec), l: incidentLabel, x: extra, a: trusted })
        .map(({ f, l, x, a }): Draft => ({
          kind: 'incident',
          ...f,
          labels: [l, ...x],
          association: a,
          pullRequest: false,
        })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ f: highlightArb(spec), l: highlightLabel, x: extra, a: trusted })
        .map(({ f, l, x, a }): Draft => ({
          kind: 'highlight',
          ...f,
          labels: [...x, l],
          association: a,
          pullRequest: false,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ f: incidentArb(spec), a: trusted }).map(({ f, a }): Draft => ({
        kind: 'both',
        ...f,
        labels: ['incident', 'highlight'],
        association: a,
        pullRequest: false,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ f: unusableArb(spec), l: fc.oneof(incidentLabel, highlightLabel), a: trusted })
        .map(({ f, l, a }): Draft => ({
          kind: 'unusable',
          ...f,
          labels: [l],
          association: a,
          pullRequest: false,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          f: fc.oneof(incidentArb(spec), highlightArb(spec)),
          l: fc.oneof(incidentLabel, highlightLabel),
          a: fc.constantFrom('NONE', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', undefined, ''),
          confirmed: fc.boolean(),
        })
        .map(({ f, l, a, confirmed }): Draft => ({
          kind: confirmed ? 'confirmed-outsider' : 'outsider',
          ...f,
          labels: confirmed ? [l, { name: CONFIRMED_LABEL }] : [l],
          association: a,
          pullRequest: false,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ f: incidentArb(spec), l: incidentLabel }).map(({ f, l }): Draft => ({
        kind: 'pull-request',
        ...f,
        labels: [l],
        association: 'MEMBER',
        pullRequest: true,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ f: incidentArb(spec) }).map(({ f }): Draft => ({
        kind: 'unlabelled',
        ...f,
        labels: [{ name: 'bug' }],
        association: 'MEMBER',
        pullRequest: false,
      })),
    },
  )
}

/** A word put in an outsider's summary, to show that none of its body is ever published. */
export function bodySentinel(issue: Pick<GitHubIssue, 'repository' | 'number'>): string {
  return `B${(issue.repository ?? '').replace(/\W/g, '')}n${issue.number}secret`
}

/** A sentinel title, unique per issue, so a property can find where an issue's text went. */
export function sentinel(repository: string, number: number): string {
  return `T${repository.replace(/\W/g, '')}n${number}x`
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}

function toIssue(draft: Draft, repository: string, number: number, title: string): GitHubIssue {
  const closed = draft.life.closed
  return {
    number,
    title,
    body: draft.body,
    html_url: `https://github.com/${repository}/${draft.pullRequest ? 'pull' : 'issues'}/${number}`,
    state: closed === null ? 'open' : 'closed',
    created_at: iso(draft.life.created),
    updated_at: iso(closed ?? draft.life.created),
    closed_at: closed === null ? null : iso(closed),
    labels: draft.labels,
    user: { login: 'ana' },
    ...(draft.association === undefined ? {} : { author_association: draft.association }),
    ...(draft.pullRequest
      ? { pull_request: { url: `https://api.github.com/pulls/${number}` } }
      : {}),
    repository,
  }
}

/** A set of issues as the fetch stage returns them, and the window they are read for. */
export type Scenario = {
  spec: WindowSpec
  /** One entry per distinct issue. */
  generated: GeneratedIssue[]
  /** What buildReport is given: the distinct issues, some listed twice, in a random order. */
  input: GitHubIssue[]
}

/**
 * A scenario: up to `maxIssues` issues over one or two repositories (numbers counted per
 * repository, so the same number occurs in both), titles that are sentinels or hostile text, a
 * few issues listed twice, and the whole list shuffled.
 */
export function scenarioArb(maxIssues = 14): fc.Arbitrary<Scenario> {
  return windowArb.chain((spec) =>
    fc
      .record({
        drafts: fc.array(
          fc.record({
            draft: draftArb(spec),
            repo: fc.constantFrom(...REPOSITORIES),
            titlePrefix: fc.constantFrom('', '[Incident]: ', 'Incident: ', '[INC] ', '## ', '\\# '),
            hostileTitle: fc.option(text, { nil: undefined, freq: 4 }),
          }),
          { maxLength: maxIssues },
        ),
        duplicates: fc.array(fc.nat(), { maxLength: 3 }),
        order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: maxIssues + 3,
          maxLength: maxIssues + 3,
        }),
      })
      .map(({ drafts, duplicates, order }) => {
        const counters = new Map<string, number>()
        const generated = drafts.map(({ draft, repo, titlePrefix, hostileTitle }) => {
          const number = (counters.get(repo) ?? 0) + 1
          counters.set(repo, number)
          const title = `${titlePrefix}${sentinel(repo, number)}${hostileTitle === undefined ? '' : ` ${hostileTitle}`}`
          const issue = toIssue(draft, repo, number, title)
          if (draft.kind === 'outsider' || draft.kind === 'confirmed-outsider') {
            issue.body = (issue.body ?? '').replace(
              /### (What happened|What shipped)(\r?\n\r?\n)/,
              `### $1$2${bodySentinel(issue)} `,
            )
          }
          return { kind: draft.kind, issue, oracle: draft.oracle }
        })
        const copies =
          generated.length === 0
            ? []
            : duplicates.map((at) => structuredClone(generated[at % generated.length]!.issue))
        const listed = [...generated.map((g) => g.issue), ...copies]
        const keyed = listed.map((issue, at) => ({ issue, key: order[at] ?? 0, at }))
        keyed.sort((a, b) => a.key - b.key || a.at - b.at)
        return { spec, generated, input: keyed.map((k) => k.issue) }
      }),
  )
}

/** Options the page can be rendered with. */
export const siteArb = fc.constantFrom<SitePreset>(
  'plain',
  'jekyll',
  'docusaurus',
  'mkdocs',
  'hugo',
  'vitepress',
)
export const introArb = fc.oneof(fc.constant(''), text)

/** A permutation of `items`, as a fast-check value (shrinks towards the identity). */
export function permutationOf<T>(items: T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })
}
