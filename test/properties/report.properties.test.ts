// Properties of the pure pipeline (buildReport, then renderReportFiles and the other published
// texts) over generated sets of issues. Each property's run count is in RUNS; the README's
// Reliability section quotes them.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { createReportBuilder } from '../../src/report/build-report.js'
import { hasLabel } from '../../src/report/has-label.js'
import type { Span } from '../../src/report/window.js'
import {
  CONFIRMED_LABEL,
  LABELS,
  TEMPLATES,
  TRUSTED,
  permutationOf,
  scenarioArb,
  bodySentinel,
  sentinel,
  siteArb,
  type Scenario,
} from './arbitraries.js'
import { build, publish, snapshot } from './pipeline.js'
import { RUNS } from './runs.js'

const key = (repository: string | undefined, number: number) => `${repository ?? ''}#${number}`

/** Where each issue went under one label: a count per place, by issue key. */
function places(scenario: Scenario, label: string) {
  const { report, outOfWindow } = build(scenario.input, scenario.spec.window)
  const entries = label === LABELS.incident ? report.incidents : report.highlights
  const count = new Map<string, { report: number; skipped: number; out: number }>()
  const at = (k: string) => {
    const found = count.get(k) ?? { report: 0, skipped: 0, out: 0 }
    count.set(k, found)
    return found
  }
  for (const entry of entries) at(key(entry.repository, entry.number)).report += 1
  for (const entry of report.skipped)
    if (entry.label === label) at(key(entry.repository, entry.number)).skipped += 1
  for (const entry of outOfWindow)
    if (entry.label === label) at(key(entry.repository, entry.number)).out += 1
  return count
}

describe('every labelled issue ends in exactly one place', () => {
  it(`per label: report, skipped or outside the window; never two, never none (${RUNS.placement} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        for (const label of [LABELS.incident, LABELS.highlight]) {
          const counted = places(scenario, label)
          const expected = new Set(
            scenario.generated
              .filter(({ issue }) => issue.pull_request === undefined && hasLabel(issue, label))
              .map(({ issue }) => key(issue.repository, issue.number)),
          )
          expect([...counted.keys()].sort()).toEqual([...expected].sort())
          for (const [issue, found] of counted) {
            expect({ issue, label, total: found.report + found.skipped + found.out }).toEqual({
              issue,
              label,
              total: 1,
            })
          }
        }
      }),
      { numRuns: RUNS.placement },
    )
  })

  it(`an outsider's issue is never published, unless confirmed (${RUNS.outsiders} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const built = build(scenario.input, scenario.spec.window)
        const published = publish(built)
        const everything = Object.values(snapshot(published, built)).join('\n')
        const inReport = new Set(
          [...built.report.incidents, ...built.report.highlights].map((e) =>
            key(e.repository, e.number),
          ),
        )
        for (const { kind, issue } of scenario.generated) {
          if (kind !== 'outsider') continue
          const k = key(issue.repository, issue.number)
          expect(inReport.has(k)).toBe(false)
          // The title reaches the skipped list (so a maintainer can confirm it), never the files;
          // the body reaches nothing at all.
          const title = sentinel(issue.repository ?? '', issue.number)
          for (const [path, content] of published.rendered.files) {
            expect({ path, leaked: content.includes(title) }).toEqual({ path, leaked: false })
          }
          expect({ k, leaked: everything.includes(bodySentinel(issue)) }).toEqual({
            k,
            leaked: false,
          })
        }
        for (const { kind, issue } of scenario.generated) {
          if (kind !== 'confirmed-outsider') continue
          const reasons = built.report.skipped
            .filter((s) => key(s.repository, s.number) === key(issue.repository, issue.number))
            .flatMap((s) => s.reasons)
          expect(reasons.filter((reason) => reason.includes('author-associations'))).toEqual([])
        }
      }),
      { numRuns: RUNS.outsiders },
    )
  })
})

describe('entries land where their times say', () => {
  const overlaps = (startMs: number, endMs: number | null, span: Span) => {
    const start = Date.parse(span.start)
    const end = Date.parse(span.end)
    const to = endMs ?? end
    return startMs < end && (to > start || (to <= startMs && startMs >= start))
  }

  it(`a usable incident is in the report exactly when its span overlaps the window, with its duration (${RUNS.oracle} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { report, outOfWindow } = build(scenario.input, scenario.spec.window)
        const span = scenario.spec.window.incidents
        for (const { kind, issue, oracle } of scenario.generated) {
          if (kind !== 'incident' || oracle?.kind !== 'incident') continue
          const k = key(issue.repository, issue.number)
          const entry = report.incidents.find((i) => key(i.repository, i.number) === k)
          const out = outOfWindow.some(
            (o) => o.label === 'incident' && key(o.repository, o.number) === k,
          )
          const skipped = report.skipped.find((s) => key(s.repository, s.number) === k)
          expect({ k, skipped: skipped?.reasons }).toEqual({ k, skipped: undefined })
          expect({ k, in: entry !== undefined, out }).toEqual({
            k,
            in: overlaps(oracle.startMs, oracle.endMs, span),
            out: !overlaps(oracle.startMs, oracle.endMs, span),
          })
          if (entry === undefined) continue
          expect(Date.parse(entry.started)).toBe(oracle.startMs)
          if (oracle.endMs === null) expect(entry.ongoing).toBe(true)
          else expect(entry.durationMinutes).toBe(oracle.minutes)
        }
      }),
      { numRuns: RUNS.oracle },
    )
  })

  it(`a usable highlight is in the report exactly when the day it shipped is in the window (${RUNS.oracle} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { report } = build(scenario.input, scenario.spec.window)
        const { highlights, timezone } = scenario.spec.window
        for (const { kind, issue, oracle } of scenario.generated) {
          if (kind !== 'highlight' || oracle?.kind !== 'highlight') continue
          const k = key(issue.repository, issue.number)
          const entry = report.highlights.find((h) => key(h.repository, h.number) === k)
          // The day's first instant in the zone (after a midnight gap, 01:00).
          const dayStart = DateTime.fromISO(oracle.day, { zone: timezone })
            .startOf('day')
            .toMillis()
          const inWindow =
            Date.parse(highlights.start) <= dayStart && dayStart < Date.parse(highlights.end)
          expect({ k, in: entry !== undefined }).toEqual({ k, in: inWindow })
          if (entry !== undefined) expect(entry.shipped).toBe(oracle.day)
        }
      }),
      { numRuns: RUNS.oracle },
    )
  })
})

describe('output does not depend on the order of the input', () => {
  it(`every file, the report JSON, the pull request body and the job summary are byte-identical under any permutation (${RUNS.permutation} runs)`, () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((scenario) =>
          fc.tuple(fc.constant(scenario), permutationOf(scenario.input), siteArb),
        ),
        ([scenario, permuted, site]) => {
          const window = scenario.spec.window
          const first = build(scenario.input, window)
          const second = build(permuted, window)
          expect(snapshot(publish(second, { site }), second)).toEqual(
            snapshot(publish(first, { site }), first),
          )
        },
      ),
      { numRuns: RUNS.permutation },
    )
  })

  it(`read a page at a time in any split, stale copies among them, the issues give the same report, and every entry is announced when placed (${RUNS.permutation} runs)`, () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((scenario) =>
          fc.tuple(
            fc.constant(scenario),
            // Stale copies of some issues (updated long before, and saying so): they must lose.
            permutationOf([
              ...scenario.input,
              ...scenario.generated.slice(0, 3).map(({ issue }) => ({
                ...issue,
                title: `${issue.title} (stale)`,
                body: 'stale',
                updated_at: '1970-01-02T00:00:00Z',
              })),
            ]),
            fc.array(fc.integer({ min: 0, max: scenario.input.length + 3 }), { maxLength: 4 }),
          ),
        ),
        ([scenario, permuted, cuts]) => {
          const window = scenario.spec.window
          const builder = createReportBuilder({
            templates: TEMPLATES,
            labels: LABELS,
            window,
            authorAssociations: TRUSTED,
            confirmedLabel: CONFIRMED_LABEL,
          })
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), permuted.length]
          const announced = new Set<object>()
          for (let at = 1; at < bounds.length; at++) {
            const placed = builder.add(permuted.slice(bounds[at - 1], bounds[at]))
            for (const entry of [...placed.incidents, ...placed.highlights]) announced.add(entry)
          }
          const paged = builder.finish()
          expect(paged).toEqual(build(scenario.input, window))
          for (const entry of [...paged.report.incidents, ...paged.report.highlights]) {
            expect(announced.has(entry)).toBe(true)
          }
        },
      ),
      { numRuns: RUNS.permutation },
    )
  })
})
