import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { SITE_PRESETS, type SitePreset } from '../../src/inputs.js'
import type { Highlight } from '../../src/model/highlight.js'
import { renderFrontMatter } from '../../src/render/front-matter.js'
import { mergePage } from '../../src/render/merge-page.js'
import { windowTitle } from '../../src/render/page-wording.js'
import {
  DEFAULT_INTRO,
  EDITOR_NOTE_PLACEHOLDER,
  GENERATED_SECTIONS,
  PAGE_MARKERS,
  hashRegion,
  renderPage,
} from '../../src/render/render-page.js'
import { aggregateTotals } from '../../src/report/aggregate-totals.js'
import type { Report, ReportIncident } from '../../src/report/report.js'
import { computeWindow } from '../../src/report/window.js'
import { highlightEntry, incidentEntry } from '../github/report-fixture.js'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page-golden')
const DIAGRAM = '2024-05-07-incidents.svg'

// ---------------------------------------------------------------------------------------------
// A report built by hand

function makeReport(params: {
  incidents?: ReportIncident[]
  highlights?: Highlight[]
  incidentDays?: number
  highlightDays?: number
}): Report {
  const incidents = params.incidents ?? []
  const highlights = params.highlights ?? []
  return {
    window: computeWindow({
      asOf: '2024-05-07',
      timezone: 'America/New_York',
      incidentWindowDays: params.incidentDays ?? 14,
      highlightWindowDays: params.highlightDays ?? 7,
    }),
    incidents,
    highlights,
    skipped: [],
    totals: aggregateTotals({ incidents, highlights, skipped: [] }),
  }
}

/** Four incidents (one began before the window, one has a post-mortem, one is ongoing) and two highlights. */
function normalReport(): Report {
  return makeReport({
    incidents: [
      incidentEntry({
        number: 101,
        title: '[Incident]: Cache nodes evicted during kernel upgrade',
        started: '2024-04-23T02:10:00Z',
        ended: '2024-04-23T07:40:00Z',
        durationMinutes: 330,
        impact: 'low',
        services: ['cache'],
        regions: ['iad'],
        summary:
          'A rolling kernel upgrade restarted cache nodes faster than they could warm.\n\nWe paused the rollout and let the pool refill',
        customerImpact: 'Slightly slower page loads for some customers in `iad`.',
      }),
      incidentEntry({
        number: 104,
        title: 'Elevated 5xx on api-gateway',
        started: '2024-04-24T16:30:00Z',
        ended: '2024-04-24T18:00:00Z',
        durationMinutes: 90,
        impact: 'high',
        services: ['api-gateway', 'auth'],
        regions: ['sjc', 'ams'],
        summary:
          'A config push removed the health-check route, so the gateway marked healthy backends as down.\nFound by the 5xx alert; rolled back.',
        customerImpact:
          'Brief but severe impact to request routing: about 30% of API requests failed for 40 minutes.',
        postmortem:
          '## Timeline\n\n- 12:30 config push\n- 12:41 alert fired\n- 14:00 rollback complete\n\n## What we change\n\nHealth-check routes are now part of the config schema: https://example.com/pm/104',
      }),
      incidentEntry({
        number: 110,
        title: 'Log shipping delayed',
        started: '2024-05-02T08:30:00Z',
        ended: '2024-05-02T09:15:00Z',
        durationMinutes: 45,
        impact: 'none',
        services: ['logging'],
        summary: 'A full disk on one log relay held back shipping; cleared, and alerting added.',
      }),
      incidentEntry({
        number: 112,
        title: 'Database failover in ams',
        started: '2024-05-08T00:15:00Z',
        ended: null,
        endSource: 'ongoing',
        durationMinutes: 225,
        ongoing: true,
        impact: 'moderate',
        services: ['postgres'],
        regions: ['ams'],
        summary: 'The primary lost its disk; we failed over to the replica, which is catching up.',
        customerImpact: 'Writes in `ams` are slower while the replica catches up.',
      }),
    ],
    highlights: [
      highlightEntry({
        number: 120,
        title: 'Faster deploys',
        author: 'ana',
        who: ['Ana Lima'],
        summary:
          'Builds now reuse a shared layer cache, so a deploy takes 6 minutes instead of 19.',
        links:
          '- https://github.com/acme/infra/pull/88\n- [Dashboard](https://grafana.example.com/d/deploys)',
        shipped: '2024-05-03',
      }),
      highlightEntry({
        number: 121,
        title: 'IPv6 on the edge',
        author: 'bo',
        who: ['@bo', 'Cy Diaz'],
        summary: 'Every edge POP now answers over IPv6.\n\nNext: origin traffic.',
        shipped: '2024-05-06',
      }),
    ],
  })
}

const MEGABYTE = 'x'.repeat(1_000_000)

/** Every field an attacker controls, used against the page. */
function hostileReport(): Report {
  return makeReport({
    incidents: [
      incidentEntry({
        number: 666,
        title: '</svg><script>alert(1)</script> **bold** [x](javascript:alert(1)) #',
        url: 'javascript:alert(1)',
        impact: 'severe',
        services: ['<img src=x onerror=alert(1)>', '@org/team'],
        regions: ['{{ site.secret }}', '{% include evil %}'],
        summary:
          '### Injected\n\n<!-- infra-log:editor-note:end -->\n\n<!-- infra-log:generated:end id=incidents -->\n\nPing @org/team and @ana. [click](javascript:alert(1)) <b>bold</b>\n\n---\n\n# Another',
        customerImpact: '---\ntitle: evil\n---\n<script>alert(1)</script>',
        postmortem: `---\nlayout: evil\n---\n\n## Injected post-mortem heading\n\n\`\`\`\n<!-- infra-log:generated:end id=postmortems -->\n## not a heading, code\n\`\`\`\n\n<details><summary>x</summary>\n\n${MEGABYTE}`,
      }),
    ],
    highlights: [
      highlightEntry({
        number: 667,
        title: '## Project </svg>',
        who: ['@org/team', '<b>Eve</b>', '*Mallory*'],
        summary: `<!-- infra-log:editor-note:start -->\n\n# Big\n\n${MEGABYTE}`,
        links: '- [a](javascript:alert(1))\n- [b](data:text/html,x)\n- <https://ok.example/>',
      }),
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// Reading a page back

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

function nodesOf(root: Root): Nodes[] {
  const all: Nodes[] = []
  const stack: Nodes[] = [root]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    all.push(node)
    if ('children' in node) stack.push(...[...node.children].reverse())
  }
  return all
}

function textOf(node: Nodes): string {
  return nodesOf(node as Root)
    .map((n) => ('value' in n && n.type !== 'html' ? n.value : ''))
    .join('')
}

function withoutFrontMatter(page: string): string {
  return page.replace(/^---\n[\s\S]*?\n---\n/, '')
}

/** The page's headings as `## Title`, and its HTML nodes, as a reader's parser sees them. */
function outline(page: string): { headings: string[]; html: string[] } {
  const nodes = nodesOf(parse(withoutFrontMatter(page)))
  return {
    headings: nodes.flatMap((n) =>
      n.type === 'heading' ? [`${'#'.repeat(n.depth)} ${textOf(n)}`] : [],
    ),
    html: nodes.flatMap((n) => (n.type === 'html' ? [n.value] : [])),
  }
}

const MARKERS_OF = (ids: readonly string[]) => [
  expect.stringMatching(/^<!-- infra-log:generated:start id=header hash=[0-9a-f]{12} -->$/),
  PAGE_MARKERS.generatedEnd('header'),
  ...ids.flatMap((id) =>
    id === 'note'
      ? [PAGE_MARKERS.editorNoteStart, EDITOR_NOTE_PLACEHOLDER, PAGE_MARKERS.editorNoteEnd]
      : [
          expect.stringMatching(
            new RegExp(`^<!-- infra-log:generated:start id=${id} hash=[0-9a-f]{12} -->$`),
          ),
          PAGE_MARKERS.generatedEnd(id),
        ],
  ),
]

function expectGolden(name: string, file: string, content: string): void {
  const path = join(GOLDEN_DIR, name, file)
  if (process.env.UPDATE === '1') {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  if (!existsSync(path))
    throw new Error(`no golden ${name}/${file}: run with UPDATE=1, then read it`)
  expect(content).toBe(readFileSync(path, 'utf8'))
}

function render(report: Report, site: SitePreset = 'plain', intro = ''): string {
  return renderPage({ report, site, intro, diagramFile: DIAGRAM })
}

// ---------------------------------------------------------------------------------------------

describe('renderPage: golden pages', () => {
  const cases: [string, () => string][] = [
    ['normal', () => render(normalReport())],
    ['empty-window', () => render(makeReport({}))],
    [
      'hostile',
      () => render(hostileReport(), 'plain', '# Intro heading\n\n<script>x</script> @org/team'),
    ],
    [
      'several-repositories',
      () =>
        render(
          makeReport({
            incidents: [
              incidentEntry({
                number: 7,
                repository: 'acme/edge',
                url: 'https://github.com/acme/edge/issues/7',
              }),
              incidentEntry({
                number: 7,
                repository: 'acme/infra',
                url: 'https://github.com/acme/infra/issues/7',
                started: '2024-04-25T16:30:00Z',
              }),
            ],
            highlights: [
              highlightEntry({
                number: 9,
                repository: 'acme/edge',
                url: 'https://github.com/acme/edge/issues/9',
              }),
            ],
          }),
        ),
    ],
    [
      'window-10-and-21-days',
      () =>
        render(
          makeReport({
            incidents: [
              incidentEntry({
                number: 1,
                started: '2024-05-01T16:30:00Z',
                ended: '2024-05-01T17:15:00Z',
              }),
            ],
            incidentDays: 10,
            highlightDays: 21,
          }),
          'jekyll',
          'Our own intro.',
        ),
    ],
  ]
  it.each(cases)('%s', (name, make) => {
    expectGolden(name, 'page.md', make())
  })

  it.each(SITE_PRESETS.filter((site) => site !== 'plain'))('front matter for %s', (site) => {
    const frontMatter = renderFrontMatter({
      site,
      title: 'Infra Log: Apr 24 – May 7, 2024',
      date: '2024-05-07',
      description:
        'Every incident, and the highlights of the infrastructure team, Apr 24 – May 7, 2024.',
      label: 'Apr 24 – May 7, 2024',
    })
    expectGolden('front-matter', `${site}.md`, frontMatter)
    expect(render(normalReport(), site).startsWith(frontMatter)).toBe(true)
  })
})

describe('renderPage: structure', () => {
  it('has exactly the expected headings, and no HTML but its markers', () => {
    expect(outline(render(normalReport()))).toEqual({
      headings: [
        '# Infra Log: Apr 24 – May 7, 2024',
        '## Trailing 2 Weeks Incidents',
        '## Post-mortems',
        '### Elevated 5xx on api-gateway',
        '## This Week In Infra Engineering',
      ],
      html: MARKERS_OF(['incidents', 'note', 'postmortems', 'highlights']),
    })
  })

  it('keeps that structure against hostile issues', () => {
    const page = render(hostileReport(), 'plain', '# Intro heading\n\n<script>x</script>')
    expect(outline(page)).toEqual({
      headings: [
        '# Infra Log: Apr 24 – May 7, 2024',
        '## Trailing 2 Weeks Incidents',
        '## Post-mortems',
        '### </svg><script>alert(1)</script> **bold** [x](javascript:alert(1)) #',
        '## This Week In Infra Engineering',
      ],
      html: MARKERS_OF(['incidents', 'note', 'postmortems', 'highlights']),
    })
    const links = nodesOf(parse(page)).flatMap((n) => (n.type === 'link' ? [n.url] : []))
    expect(links.every((url) => /^(https?|mailto):/.test(url))).toBe(true)
    expect(page).not.toMatch(/\{[{%]/)
    expect(page).not.toMatch(/(^|[^\w`/])@(org|ana)\b/)
    // Each 1 MB value is cut to 20,000 characters.
    expect(page.length).toBeLessThan(50_000)
    expect(page.match(/truncated; see the issue/g)).toHaveLength(2)
  })

  it('says so when there are no incidents and no highlights, and has no post-mortems', () => {
    const page = render(makeReport({}))
    expect(outline(page)).toEqual({
      headings: [
        '# Infra Log: Apr 24 – May 7, 2024',
        '## Trailing 2 Weeks Incidents',
        '## This Week In Infra Engineering',
      ],
      html: MARKERS_OF(['incidents', 'note', 'postmortems', 'highlights']),
    })
    expect(page).toContain('\n\nNo incidents were filed for this period.\n\n')
    expect(page).toContain('\n\nNo highlights were filed for this period.\n\n')
    expect(page).not.toContain('![')
  })

  it('names sections after the window lengths', () => {
    const headings = (incidentDays: number, highlightDays: number) =>
      outline(render(makeReport({ incidentDays, highlightDays }))).headings.slice(1)
    expect(headings(7, 7)).toEqual([
      "## This Week's Incidents",
      '## This Week In Infra Engineering',
    ])
    expect(headings(14, 14)).toEqual([
      '## Trailing 2 Weeks Incidents',
      '## Trailing 2 Weeks In Infra Engineering',
    ])
    expect(headings(21, 21)).toEqual([
      '## Trailing 3 Weeks Incidents',
      '## Trailing 3 Weeks In Infra Engineering',
    ])
    expect(headings(10, 10)).toEqual([
      '## Trailing 10 Days Incidents',
      '## Trailing 10 Days In Infra Engineering',
    ])
    expect([1, 7, 14, 28, 30].map(windowTitle)).toEqual([
      'Trailing Day',
      'This Week',
      'Trailing 2 Weeks',
      'Trailing 4 Weeks',
      'Trailing 30 Days',
    ])
  })

  it('leaves the heading to the layout for Jekyll only', () => {
    for (const site of SITE_PRESETS) {
      const hasHeading = render(normalReport(), site).includes(
        '\n# Infra Log: Apr 24 – May 7, 2024\n',
      )
      expect([site, hasHeading]).toEqual([site, site !== 'jekyll'])
    }
  })

  it('uses the default intro when the intro is empty, and renders a given one safely', () => {
    expect(render(normalReport(), 'plain', ' \n')).toContain(`\n\n${DEFAULT_INTRO}\n\n`)
    expect(render(normalReport(), 'plain', 'Hi @ana.\n\n## Not a heading')).toContain(
      '\n\nHi @&#8203;ana.\n\n**Not a heading**\n\n',
    )
  })
})

describe('renderPage: markers and bytes', () => {
  it('hashes each generated region the way its marker says', () => {
    const page = render(normalReport())
    for (const id of GENERATED_SECTIONS) {
      const match = new RegExp(
        `^<!-- infra-log:generated:start id=${id} hash=([0-9a-f]{12}) -->\\n([\\s\\S]*?)^<!-- infra-log:generated:end id=${id} -->$`,
        'm',
      ).exec(page)
      expect(match, id).not.toBeNull()
      expect(hashRegion(match?.[2] ?? '')).toBe(match?.[1])
    }
  })

  it('hashes CRLF content like LF content', () => {
    expect(hashRegion('\na\r\nb\n')).toBe(hashRegion('\na\nb\n'))
    expect(hashRegion('')).toBe('e3b0c44298fc')
  })

  it('writes markers the merge reads, so a page merged into itself stays the same', () => {
    for (const site of SITE_PRESETS) {
      const page = render(normalReport(), site)
      expect(mergePage({ generated: page, existing: page, overwriteEdits: false })).toEqual({
        content: page,
        keptEdits: [],
        overwritten: [],
      })
    }
    for (const line of render(normalReport())
      .split('\n')
      .filter((l) => l.startsWith('<!-- infra-log:generated'))) {
      expect(
        PAGE_MARKERS.generatedStartPattern.test(line) ||
          PAGE_MARKERS.generatedEndPattern.test(line),
      ).toBe(true)
    }
  })

  it('gives the same bytes for the same report, ending with one newline', () => {
    const first = render(normalReport(), 'hugo')
    expect(render(normalReport(), 'hugo')).toBe(first)
    expect(first.endsWith('\n')).toBe(true)
    expect(first.endsWith('\n\n')).toBe(false)
  })
})

describe('renderFrontMatter', () => {
  it('is nothing for plain', () => {
    expect(
      renderFrontMatter({ site: 'plain', title: 'T', date: '2024-05-07', description: 'D' }),
    ).toBe('')
  })

  it('quotes any title so that it reads back the same', () => {
    const titles = [
      'yes',
      'on',
      '- item',
      '#hash',
      'a: b',
      "it's",
      '"quoted"',
      '---',
      '{{ x }}',
      'é 😀',
      'line\nbreak',
    ]
    for (const site of SITE_PRESETS.filter((s) => s !== 'plain')) {
      for (const title of titles) {
        const block = renderFrontMatter({ site, title, date: '2024-05-07', description: title })
        const yaml = /^---\n([\s\S]*)---\n\n$/.exec(block)?.[1] ?? ''
        const fields = parseYaml(yaml, { version: '1.1' }) as Record<string, unknown>
        expect([site, fields.title, fields.description]).toEqual([site, title, title])
      }
    }
  })

  it('leaves the date out when there is none', () => {
    expect(renderFrontMatter({ site: 'hugo', title: 'T', description: 'D' })).toBe(
      '---\ntitle: T\ndescription: D\ndraft: false\n---\n\n',
    )
  })
})
