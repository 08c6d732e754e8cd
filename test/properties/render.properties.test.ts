// Properties of rendering: whatever the report, the files are produced, the diagram is
// well-formed SVG, and the page keeps exactly its own structure.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { introArb, scenarioArb, siteArb, text } from './arbitraries.js'
import {
  expectedHeadings,
  FRONT_MATTER_KEYS,
  inspectMarkup,
  isActiveAttribute,
  isOwnHtml,
  readPage,
  readSvg,
  SVG_ELEMENTS,
  withoutDefusers,
} from './output-checks.js'
import { build, publish } from './pipeline.js'
import { RUNS } from './runs.js'

describe('rendering', () => {
  // What a branch can hold at the report's paths: nothing, a person's page, a broken one.
  const existingArb = fc.oneof(
    fc.constant<string | null>(null),
    text,
    fc.constantFrom(
      '---\ntitle: mine\n---\n\n# My own page\n',
      '<!-- infra-log:generated:start id=incidents hash=000000000000 -->\n\nedited\n',
      '<!-- infra-log:index:start -->\n- garbage\n<!-- infra-log:index:end -->\n',
    ),
  )

  it(`never throws, whatever the report, site, intro and files already on the branch (${RUNS.neverThrows} runs)`, () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        siteArb,
        introArb,
        fc.array(existingArb, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (scenario, site, intro, existingFiles, overwriteEdits) => {
          const built = build(scenario.input, scenario.spec.window)
          const asOf = scenario.spec.window.asOf
          const paths = [`${asOf}.md`, `${asOf}-incidents.svg`, 'index.md', 'feed.xml'].map(
            (name) => `docs/infra-log/${name}`,
          )
          const existing = new Map(paths.map((path, at) => [path, existingFiles[at] ?? null]))
          const published = publish(built, { site, intro, existing, overwriteEdits })
          expect(published.rendered.files.size).toBe(4)
          for (const content of published.rendered.files.values())
            expect(typeof content).toBe('string')
        },
      ),
      { numRuns: RUNS.neverThrows },
    )
  })

  it(`the diagram is well-formed XML with exactly one rect.incident per incident (${RUNS.svg} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const built = build(scenario.input, scenario.spec.window)
        const { rendered } = publish(built)
        const svg = rendered.files.get(rendered.paths.diagram) ?? ''
        const reading = readSvg(svg)
        expect(reading).toMatchObject({ valid: true })
        if (!reading.valid) return
        expect([...reading.incidentNumbers].sort((a, b) => a - b)).toEqual(
          built.report.incidents.map((i) => i.number).sort((a, b) => a - b),
        )
        expect(reading.elements.filter((name) => !SVG_ELEMENTS.includes(name))).toEqual([])
        expect(reading.attributes.filter(isActiveAttribute)).toEqual([])
      }),
      { numRuns: RUNS.svg },
    )
  })

  it(`the page has exactly the expected sections, only its own HTML and its own front matter (${RUNS.page} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb(), siteArb, introArb, (scenario, site, intro) => {
        const built = build(scenario.input, scenario.spec.window)
        const published = publish(built, { site, intro })
        const { rendered } = published
        const page = rendered.files.get(rendered.paths.page) ?? ''
        const outline = readPage(page)

        const keys = FRONT_MATTER_KEYS[site]
        expect(outline.frontMatter === null ? null : Object.keys(outline.frontMatter)).toEqual(keys)
        expect(outline.thematicBreaks).toBe(0)
        expect(
          outline.headings.map((h) => ({ depth: h.depth, text: withoutDefusers(h.text) })),
        ).toEqual(
          expectedHeadings(built.report, site).map((h) => ({
            depth: h.depth,
            text: withoutDefusers(h.text),
          })),
        )
        expect(outline.html.filter((html) => !isOwnHtml(html))).toEqual([])
        for (const [name, markdown] of [
          ['page', page],
          ['pull request body', published.pullRequestBody],
          ['job summary', published.jobSummary],
        ] as const) {
          expect({ name, ...inspectMarkup(markdown) }).toEqual({ name, mentions: [], scripts: [] })
        }
      }),
      { numRuns: RUNS.page },
    )
  })
})
