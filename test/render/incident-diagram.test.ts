import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { IMPACT_LEVELS, type Impact } from '../../src/model/impact.js'
import type { Report, ReportIncident } from '../../src/report/report.js'
import {
  boxSide,
  layoutIncidentDiagram,
  MAX_BOX_MINUTES,
  MIN_BOX_MINUTES,
  type DiagramBox,
} from '../../src/render/diagram-layout.js'
import { IMPACT_SHADES, renderIncidentDiagram } from '../../src/render/incident-diagram.js'
import { stripIllegalXmlChars } from '../../src/render/xml-escape.js'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'diagram-golden')

interface IncidentSpec {
  number: number
  title?: string
  /** ISO instant with offset. */
  started: string
  minutes: number
  impact: Impact
  ongoing?: boolean
  repository?: string
}

/** A report as the aggregate stage would hand it over, built by hand from a few facts. */
function makeReport(params: {
  asOf: string
  timezone: string
  days?: number
  incidents: IncidentSpec[]
}): Report {
  const { asOf, timezone, days = 14 } = params
  const end = DateTime.fromISO(asOf, { zone: timezone }).plus({ days: 1 }).startOf('day')
  const start = end.minus({ days })
  const iso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true }) ?? ''
  const incidents: ReportIncident[] = params.incidents.map((spec) => {
    const started = DateTime.fromISO(spec.started)
    return {
      number: spec.number,
      url: `https://github.com/acme/infra/issues/${spec.number}`,
      ...(spec.repository === undefined ? {} : { repository: spec.repository }),
      title: spec.title ?? `Incident ${spec.number}`,
      author: 'ana',
      started: iso(started),
      ended: spec.ongoing ? null : iso(started.plus({ minutes: spec.minutes })),
      endSource: spec.ongoing ? 'ongoing' : 'resolved',
      impact: spec.impact,
      services: [],
      regions: [],
      summary: 'Something broke.',
      customerImpact: null,
      postmortem: null,
      notes: [],
      durationMinutes: spec.minutes,
      ongoing: spec.ongoing ?? false,
    }
  })
  const byImpact = Object.fromEntries(
    IMPACT_LEVELS.map((level) => [level, incidents.filter((i) => i.impact === level).length]),
  ) as Report['totals']['byImpact']
  return {
    window: {
      asOf,
      timezone,
      incidents: { start: iso(start), end: iso(end), days },
      highlights: { start: iso(end.minus({ days: 7 })), end: iso(end), days: 7 },
    },
    incidents,
    highlights: [],
    skipped: [],
    totals: {
      incidents: incidents.length,
      byImpact,
      incidentMinutes: incidents.reduce((sum, i) => sum + i.durationMinutes, 0),
      highlights: 0,
      skipped: 0,
    },
  }
}

/** A small deterministic generator, so the crowded case is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const NY = 'America/New_York'

const CASES: Record<string, Report> = {
  normal: makeReport({
    asOf: '2024-05-07',
    timezone: NY,
    incidents: [
      {
        number: 7,
        title: 'Certificate expired on the status page',
        started: '2024-04-23T22:00:00-04:00',
        minutes: 150,
        impact: 'low',
      },
      {
        number: 12,
        title: 'Request routing flapped',
        started: '2024-04-24T12:30:00-04:00',
        minutes: 20,
        impact: 'severe',
      },
      {
        number: 13,
        title: 'Build cache cold after migration',
        started: '2024-04-25T02:00:00-04:00',
        minutes: 240,
        impact: 'none',
      },
      {
        number: 15,
        title: 'Object storage latency in ams',
        started: '2024-04-26T09:10:00-04:00',
        minutes: 95,
        impact: 'moderate',
      },
      {
        number: 16,
        title: 'DNS resolver restarts',
        started: '2024-04-26T09:40:00-04:00',
        minutes: 5,
        impact: 'low',
      },
      {
        number: 18,
        title: 'Database failover in sjc',
        started: '2024-04-29T17:45:00-04:00',
        minutes: 600,
        impact: 'high',
      },
      {
        number: 21,
        title: 'Metrics gap',
        started: '2024-05-02T04:30:00-04:00',
        minutes: 45,
        impact: 'none',
      },
      {
        number: 22,
        title: 'Deploy pipeline stuck',
        started: '2024-05-06T23:20:00-04:00',
        minutes: 70,
        impact: 'moderate',
      },
    ],
  }),
  empty: makeReport({ asOf: '2024-05-07', timezone: NY, incidents: [] }),
  'hostile-title': makeReport({
    asOf: '2024-05-07',
    timezone: 'UTC',
    incidents: [
      {
        number: 1,
        title: '</svg><script>alert(1)</script>',
        started: '2024-04-25T10:00:00Z',
        minutes: 30,
        impact: 'high',
      },
      {
        number: 2,
        title: ']]> <!-- & "quoted" \'single\' &amp;',
        started: '2024-04-26T10:00:00Z',
        minutes: 60,
        impact: 'low',
      },
      {
        number: 3,
        title: 'NUL\u0000 BEL\u0007 lone\uD800 \uDC00 nonchar\uFFFE\uFFFF tab\tCR\r\nLF',
        started: '2024-04-27T10:00:00Z',
        minutes: 90,
        impact: 'none',
      },
      {
        number: 4,
        title: 'emoji 🔥 and RTL \u202Eolleh and עברית @team',
        started: '2024-04-28T10:00:00Z',
        minutes: 120,
        impact: 'moderate',
      },
      {
        number: 5,
        title: 'x'.repeat(100_000),
        started: '2024-04-29T10:00:00Z',
        minutes: 10,
        impact: 'severe',
        repository: 'acme/<edge>',
      },
    ],
  }),
  '200-in-one-day': (() => {
    const random = lcg(42)
    return makeReport({
      asOf: '2024-05-07',
      timezone: 'UTC',
      incidents: Array.from({ length: 200 }, (_, i) => ({
        number: 1000 + i,
        started:
          DateTime.fromISO('2024-04-30T00:00:00Z', { zone: 'UTC' })
            .plus({ minutes: Math.floor(random() * 1440) })
            .toISO() ?? '',
        minutes: Math.floor(random() * random() * 600),
        impact: IMPACT_LEVELS[Math.floor(random() * 5)] ?? 'none',
      })).sort((a, b) => a.started.localeCompare(b.started) || a.number - b.number),
    })
  })(),
  'zero-duration': makeReport({
    asOf: '2024-05-07',
    timezone: 'UTC',
    incidents: [
      { number: 1, started: '2024-04-26T08:00:00Z', minutes: 0, impact: 'none' },
      { number: 2, started: '2024-04-26T08:00:00Z', minutes: 0, impact: 'severe' },
      { number: 3, started: '2024-04-26T08:00:00Z', minutes: 1, impact: 'low' },
    ],
  }),
  '3-day-outage': makeReport({
    asOf: '2024-05-07',
    timezone: 'UTC',
    incidents: [
      {
        number: 30,
        title: 'Region sjc offline',
        started: '2024-04-27T06:00:00Z',
        minutes: 3 * 1440,
        impact: 'severe',
      },
      {
        number: 31,
        title: 'Side effect: queue backlog',
        started: '2024-04-27T07:00:00Z',
        minutes: 30,
        impact: 'moderate',
      },
      {
        number: 32,
        title: 'Side effect: stale dashboards',
        started: '2024-04-28T01:00:00Z',
        minutes: 5,
        impact: 'none',
      },
    ],
  }),
  ongoing: makeReport({
    asOf: '2024-05-07',
    timezone: NY,
    incidents: [
      {
        number: 40,
        title: 'Flaky health checks',
        started: '2024-05-01T10:00:00-04:00',
        minutes: 90,
        impact: 'low',
      },
      {
        number: 41,
        title: 'Degraded search',
        started: '2024-05-07T21:00:00-04:00',
        minutes: 180,
        impact: 'high',
        ongoing: true,
      },
    ],
  }),
  'dst-crossing': makeReport({
    asOf: '2024-03-17',
    timezone: NY,
    incidents: [
      {
        number: 50,
        title: 'Before the change',
        started: '2024-03-10T01:30:00-05:00',
        minutes: 60,
        impact: 'moderate',
      },
      {
        number: 51,
        title: 'After the change',
        started: '2024-03-10T03:30:00-04:00',
        minutes: 60,
        impact: 'high',
      },
      {
        number: 52,
        title: 'Next evening',
        started: '2024-03-11T20:00:00-04:00',
        minutes: 15,
        impact: 'low',
      },
    ],
  }),
  'ten-days': makeReport({
    asOf: '2024-05-07',
    timezone: 'UTC',
    days: 10,
    incidents: [
      {
        number: 60,
        title: 'First morning',
        started: '2024-04-28T09:00:00Z',
        minutes: 25,
        impact: 'low',
      },
      {
        number: 61,
        title: 'Last hour',
        started: '2024-05-07T23:30:00Z',
        minutes: 30,
        impact: 'high',
      },
    ],
  }),
}

interface SvgBox {
  x: number
  y: number
  width: number
  height: number
  fill: string
  impact: Impact
  minutes: number
  number: number
  title: string
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['g', 'rect', 'text', 'line', 'polygon'].includes(name),
})

type Node = Record<string, unknown>

function children(node: Node, name: string): Node[] {
  const value = node[name]
  return Array.isArray(value) ? (value as Node[]) : []
}

/** The incident boxes as a browser would see them: from the SVG's own attributes. */
function svgBoxes(svg: string): SvgBox[] {
  const root = parser.parse(svg) as { svg: Node }
  const group = children(root.svg, 'g').find((g) => g.class === 'incidents')
  if (!group) throw new Error('no incidents group')
  return children(group, 'g').flatMap((g) =>
    children(g, 'rect').map((rect) => ({
      x: Number(rect.x),
      y: Number(rect.y),
      width: Number(rect.width),
      height: Number(rect.height),
      fill: String(rect.fill),
      impact: rect['data-impact'] as Impact,
      minutes: Number(rect['data-minutes']),
      number: Number(rect['data-number']),
      title: String(g.title),
    })),
  )
}

function svgSize(svg: string): { width: number; height: number } {
  const root = parser.parse(svg) as { svg: Node }
  return { width: Number(root.svg.width), height: Number(root.svg.height) }
}

function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

function overlapping(a: DiagramBox, b: DiagramBox): boolean {
  return a.x < b.x + b.size && b.x < a.x + a.size && a.y < b.y + b.size && b.y < a.y + a.size
}

const clampMinutes = (m: number) => Math.min(MAX_BOX_MINUTES, Math.max(MIN_BOX_MINUTES, m))

describe('renderIncidentDiagram', () => {
  describe.each(Object.entries(CASES))('%s', (name, report) => {
    const svg = renderIncidentDiagram(report)

    it('is well-formed XML with the accessible name and description', () => {
      expect(XMLValidator.validate(svg)).toBe(true)
      const ids = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? []
      expect(ids).toHaveLength(2)
      expect(svg).toContain(`<title id="${ids[0]}">`)
      expect(svg).toContain(`<desc id="${ids[1]}">`)
      expect(svg).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="\d+" height="[\d.]+" viewBox="0 0 \d+ [\d.]+" role="img"/,
      )
    })

    it('has no scripts and no external references', () => {
      expect(svg).not.toMatch(/<script|href|foreignObject|url\(|@import|<image|<style/i)
      expect(svg.match(/http/g)).toHaveLength(1) // the xmlns
    })

    it('draws exactly one box per incident, with its number, impact and minutes', () => {
      const boxes = svgBoxes(svg)
      expect(boxes.map((b) => b.number)).toEqual(report.incidents.map((i) => i.number))
      expect(boxes.map((b) => b.impact)).toEqual(report.incidents.map((i) => i.impact))
      expect(boxes.map((b) => b.minutes)).toEqual(report.incidents.map((i) => i.durationMinutes))
      expect(boxes.every((b) => b.fill === IMPACT_SHADES[b.impact])).toBe(true)
    })

    it('orders box areas like durations, within the clamps', () => {
      const boxes = svgBoxes(svg)
      for (const a of boxes) {
        expect(a.width).toBe(a.height)
        for (const b of boxes) {
          const [ma, mb] = [clampMinutes(a.minutes), clampMinutes(b.minutes)]
          if (ma === mb) expect(a.width).toBe(b.width)
          // Rounding to 0.1px can tie near-equal durations, never invert them.
          if (ma < mb) expect(a.width).toBeLessThanOrEqual(b.width)
          if (ma * 1.1 < mb) expect(a.width * a.height).toBeLessThan(b.width * b.height)
        }
      }
    })

    it('keeps every box inside its row and the SVG, and never over another box', () => {
      const layout = layoutIncidentDiagram(report)
      const { width, height } = svgSize(svg)
      expect(width).toBe(layout.width)
      expect(height).toBe(layout.height)
      for (const box of layout.boxes) {
        const row = layout.rows[box.row]
        if (!row) throw new Error(`box #${box.number} in a missing row ${box.row}`)
        expect(box.x).toBeGreaterThanOrEqual(row.left)
        expect(box.x + box.size).toBeLessThanOrEqual(row.right)
        expect(box.y).toBeGreaterThanOrEqual(row.boxTop)
        expect(box.y + box.size).toBeLessThanOrEqual(row.bottom)
        expect(row.bottom).toBeLessThan(layout.legend.shadesY)
      }
      const overlaps = layout.boxes.flatMap((a, i) =>
        layout.boxes
          .slice(i + 1)
          .filter((b) => overlapping(a, b))
          .map((b) => [a.number, b.number]),
      )
      expect(overlaps).toEqual([])
      for (const box of svgBoxes(svg)) {
        expect(box.x).toBeGreaterThanOrEqual(0)
        expect(box.y).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width).toBeLessThanOrEqual(width)
        expect(box.y + box.height).toBeLessThanOrEqual(height)
      }
    })

    it('gives the same bytes for the same report', () => {
      expect(renderIncidentDiagram(structuredClone(report))).toBe(svg)
    })

    it(`matches diagram-golden/${name}.svg`, () => {
      const path = join(GOLDEN_DIR, `${name}.svg`)
      if (process.env.UPDATE === '1') {
        mkdirSync(GOLDEN_DIR, { recursive: true })
        writeFileSync(path, svg)
      }
      if (!existsSync(path))
        throw new Error(`no golden ${name}.svg: run with UPDATE=1, then read it`)
      expect(svg).toBe(readFileSync(path, 'utf8'))
    })
  })

  it('shades from lightest (no impact) to darkest (severe)', () => {
    const luminance = IMPACT_LEVELS.map((level) => relativeLuminance(IMPACT_SHADES[level]))
    for (let i = 1; i < luminance.length; i++) {
      expect(luminance[i]).toBeLessThan(luminance[i - 1] ?? 0)
    }
    // The darkest shade against the white panel, the lightest still not white.
    expect(luminance[0]).toBeLessThan(0.85)
  })

  it('describes the incidents in the text alternative and in each box title', () => {
    const svg = renderIncidentDiagram(CASES.normal as Report)
    expect(svg).toContain(
      '<desc id="infra-log-incidents-2024-05-07-desc">8 incidents, Apr 24 – May 7, 2024 (America/New_York): ' +
        '1 severe, 1 high, 2 moderate, 2 low, 2 with no customer impact. ' +
        'Longest: Database failover in sjc (10 h, high impact, #18). ' +
        'Each incident is a box placed at its start time; larger boxes last longer, darker boxes had more impact.</desc>',
    )
    const titles = svgBoxes(svg).map((b) => b.title)
    expect(titles[0]).toBe(
      'Certificate expired on the status page — began Tue Apr 23 22:00 EDT, before this window, 2 h 30 min, low impact, #7',
    )
    expect(titles[1]).toBe(
      'Request routing flapped — Wed Apr 24 12:30 EDT, 20 min, severe impact, #12',
    )
    expect(titles[3]).toBe(
      'Object storage latency in ams — Fri Apr 26 09:10 EDT, 1 h 35 min, moderate impact, #15',
    )
    expect(svg).toContain('>began before this window</text>')
    expect(svg).not.toContain('>still ongoing</text>')
  })

  it('says so when the window has no incidents, and still draws its two weeks', () => {
    const svg = renderIncidentDiagram(CASES.empty as Report)
    expect(svg).toContain('>No incidents in this window</text>')
    expect(svg).toContain(
      'No incidents in this window, Apr 24 – May 7, 2024 (America/New_York).</desc>',
    )
    expect(svg.match(/<g class="week">/g)).toHaveLength(2)
    expect(svg).toContain('>Week of Apr 24</text>')
    expect(svg).toContain('>Week of May 1</text>')
    expect(svgBoxes(svg)).toEqual([])
  })

  it('keeps hostile titles as text and drops characters XML forbids', () => {
    const svg = renderIncidentDiagram(CASES['hostile-title'] as Report)
    expect(svg.match(/<\/svg>/g)).toHaveLength(1)
    expect(svg).not.toMatch(/<script|<!--|]]>/)
    expect(stripIllegalXmlChars(svg)).toBe(svg)
    const titles = svgBoxes(svg).map((b) => b.title)
    expect(titles[0]).toBe(
      '</svg><script>alert(1)</script> — Thu Apr 25 10:00 UTC, 30 min, high impact, #1',
    )
    expect(titles[1]).toBe(
      ']]> <!-- & "quoted" \'single\' &amp; — Fri Apr 26 10:00 UTC, 1 h, low impact, #2',
    )
    expect(titles[2]).toBe(
      'NUL BEL lone nonchar tab CR LF — Sat Apr 27 10:00 UTC, 1 h 30 min, no customer impact, #3',
    )
    // The override is dropped so that it cannot reverse the time and impact after the title.
    expect(titles[3]).toBe(
      'emoji 🔥 and RTL olleh and עברית @team — Sun Apr 28 10:00 UTC, 2 h, moderate impact, #4',
    )
    expect(titles[4]).toBe(
      `${'x'.repeat(200)}… — Mon Apr 29 10:00 UTC, 10 min, severe impact, acme/<edge>#5`,
    )
    expect(svg.length).toBeLessThan(20_000)
  })

  it('stacks 200 incidents of one day so that every box shows, growing the row', () => {
    const report = CASES['200-in-one-day'] as Report
    const layout = layoutIncidentDiagram(report)
    expect(layout.boxes).toHaveLength(200)
    const rows = new Set(layout.boxes.map((b) => b.row))
    expect([...rows]).toEqual([0])
    const [crowded, quiet] = layout.rows
    expect((crowded?.bottom ?? 0) - (crowded?.top ?? 0)).toBeGreaterThan(200)
    expect((quiet?.bottom ?? 0) - (quiet?.top ?? 0)).toBe(90)
    // Every box starts within Tue Apr 30, the seventh day of the first row, or is pulled in from its end.
    for (const box of layout.boxes) {
      expect(box.x).toBeGreaterThanOrEqual(24 + 6 * 110)
      expect(box.x + box.size).toBeLessThanOrEqual(24 + 7 * 110)
    }
  })

  it('gives zero- and one-minute incidents the smallest visible box', () => {
    const boxes = svgBoxes(renderIncidentDiagram(CASES['zero-duration'] as Report))
    expect(boxes.map((b) => b.width)).toEqual([8, 8, 8])
    expect(new Set(boxes.map((b) => b.y)).size).toBe(3)
  })

  it('caps a 3-day outage at the largest box', () => {
    const layout = layoutIncidentDiagram(CASES['3-day-outage'] as Report)
    expect(layout.boxes[0]?.size).toBeCloseTo(boxSide(MAX_BOX_MINUTES), 9)
    expect(layout.boxes[0]?.size).toBeCloseTo(8 * Math.sqrt(96), 9)
    expect(layout.boxes[0]?.size).toBeLessThan(110)
  })

  it('marks an ongoing incident and keeps it inside the last day', () => {
    const report = CASES.ongoing as Report
    const svg = renderIncidentDiagram(report)
    const [, degraded] = svgBoxes(svg)
    expect(degraded?.title).toBe(
      'Degraded search — Tue May 7 21:00 EDT, ongoing, 3 h so far, high impact, #41',
    )
    expect(svg).toContain('>still ongoing</text>')
    expect(svg).toContain('1 still ongoing.')
    const box = layoutIncidentDiagram(report).boxes[1]
    // 21:00 is 7/8 of the day: the box would end past the row, so it is pulled left with its marker.
    expect(box?.x).toBeCloseTo(24 + 7 * 110 - boxSide(180) - 6, 9)
  })

  it('places times by the local day, through a daylight saving change', () => {
    const report = CASES['dst-crossing'] as Report
    const layout = layoutIncidentDiagram(report)
    const [before, after, next] = layout.boxes
    // Sun Mar 10 is the seventh column of the first row and lasts 23 hours.
    const sunday = 24 + 6 * 110
    expect(before?.x).toBeCloseTo(sunday + (1.5 / 23) * 110, 9)
    expect(after?.x).toBeCloseTo(sunday + (2.5 / 23) * 110, 9)
    expect(next?.row).toBe(1)
    expect(next?.x).toBeCloseTo(24 + (20 / 24) * 110, 9)
    expect(before?.startLabel).toBe('Sun Mar 10 01:30 EST')
    expect(after?.startLabel).toBe('Sun Mar 10 03:30 EDT')
    expect(layout.rows.map((r) => r.label)).toEqual(['Week of Mar 4', 'Week of Mar 11'])
    expect(layout.rows[0]?.days.map((d) => d.label)).toEqual([
      'Mon Mar 4',
      'Tue Mar 5',
      'Wed Mar 6',
      'Thu Mar 7',
      'Fri Mar 8',
      'Sat Mar 9',
      'Sun Mar 10',
    ])
  })

  it('gives a window of ten days a short second row', () => {
    const layout = layoutIncidentDiagram(CASES['ten-days'] as Report)
    expect(layout.rows.map((r) => r.days.length)).toEqual([7, 3])
    expect(layout.rows[1]?.right).toBe(24 + 3 * 110)
    expect(layout.period).toBe('Apr 28 – May 7, 2024')
    const last = layout.boxes[1]
    expect(last?.row).toBe(1)
    expect((last?.x ?? 0) + (last?.size ?? 0)).toBeCloseTo(24 + 3 * 110, 9)
  })

  it('never overlaps boxes, or leaves their row, for any set of incidents', () => {
    const windowStart = Date.parse('2024-04-24T04:00:00Z')
    const incident = fc.record({
      offset: fc.integer({ min: -3 * 1440, max: 14 * 1440 - 1 }),
      minutes: fc.integer({ min: 0, max: 5 * 1440 }),
      impact: fc.constantFrom(...IMPACT_LEVELS),
      ongoing: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 60 }), (specs) => {
        const report = makeReport({
          asOf: '2024-05-07',
          timezone: NY,
          incidents: specs.map((spec, i) => ({
            number: i + 1,
            started: new Date(windowStart + spec.offset * 60_000).toISOString(),
            minutes: spec.minutes,
            impact: spec.impact,
            ongoing: spec.ongoing,
          })),
        })
        const layout = layoutIncidentDiagram(report)
        for (const [i, a] of layout.boxes.entries()) {
          const row = layout.rows[a.row]
          if (!row) return false
          if (a.x < row.left || a.x + a.size > row.right) return false
          if (a.y < row.boxTop || a.y + a.size > row.bottom) return false
          if (a.beganBeforeWindow !== (specs[i]?.offset ?? 0) < 0) return false
          if (layout.boxes.slice(i + 1).some((b) => overlapping(a, b))) return false
        }
        return XMLValidator.validate(renderIncidentDiagram(report)) === true
      }),
      { numRuns: 60 },
    )
  })
})
