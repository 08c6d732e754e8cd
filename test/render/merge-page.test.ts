import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SITE_PRESETS } from '../../src/inputs.js'
import { mergePage } from '../../src/render/merge-page.js'
import { EDITOR_NOTE_PLACEHOLDER, hashRegion, renderPage } from '../../src/render/render-page.js'
import type { Report } from '../../src/report/report.js'
import { makeReport } from '../github/report-fixture.js'

/** Written here from the contract, not imported, so the test checks the module's hashing. */
function hash(content: string): string {
  return createHash('sha256').update(content.replace(/\r\n/g, '\n')).digest('hex').slice(0, 12)
}

/** A generated region; `hashOf` differs from `content` to make one that a person edited. */
function region(id: string, content: string, hashOf = content): string {
  return `<!-- infra-log:generated:start id=${id} hash=${hash(hashOf)} -->\n${content}<!-- infra-log:generated:end id=${id} -->\n`
}

const note = (text: string) =>
  `<!-- infra-log:editor-note:start -->\n${text}<!-- infra-log:editor-note:end -->\n`

const crlf = (text: string) => text.replace(/\n/g, '\r\n')

type Sections = { header: string; incidents: string; postmortems: string; highlights: string }

const OLD: Sections = {
  header: '# Infra Log: Apr 24 – May 7, 2024\n',
  incidents:
    '## Trailing 2 Weeks Incidents\n\n- Apr 24: DNS outage (12:30 EDT, 45m, high impact)\n',
  postmortems: '## Post-mortems\n\nNone this period.\n',
  highlights: '## This Week In Infra Engineering\n\n**Ana**: shipped the new load balancer.\n',
}

const NEW: Sections = {
  header: '# Infra Log: Apr 24 – May 7, 2024\n',
  incidents:
    '## Trailing 2 Weeks Incidents\n\n- Apr 24: DNS outage (12:30 EDT, 45m, high impact)\n- May 2: Disk full (04:30 EDT, 1h, no customer impact)\n',
  postmortems: '## Post-mortems\n\n### DNS outage\n\nThe resolver cache was cold.\n',
  highlights:
    '## This Week In Infra Engineering\n\n**Ana**: shipped the new load balancer.\n\n**Bo**: moved CI to arm64.\n',
}

const FRONT_MATTER = '---\ntitle: "Infra Log: Apr 24 – May 7, 2024"\n---\n'
const PLACEHOLDER = "_Editor's note: a person writes this on the pull request._\n"

function page(sections: Sections, options: { noteText?: string; frontMatter?: string } = {}) {
  return [
    options.frontMatter ?? FRONT_MATTER,
    region('header', sections.header),
    '\n',
    region('incidents', sections.incidents),
    '\n',
    note(options.noteText ?? PLACEHOLDER),
    '\n',
    region('postmortems', sections.postmortems),
    '\n',
    region('highlights', sections.highlights),
  ].join('')
}

const GENERATED = page(NEW)

describe('mergePage', () => {
  it('writes the generated page when there is no file yet', () => {
    expect(mergePage({ generated: GENERATED, existing: null, overwriteEdits: false })).toEqual({
      content: GENERATED,
      keptEdits: [],
      overwritten: [],
    })
  })

  it('treats an empty or blank file as no file', () => {
    for (const existing of ['', '\n', '  \r\n\t\n']) {
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
        GENERATED,
      )
    }
  })

  it('replaces every untouched region with the new one', () => {
    expect(mergePage({ generated: GENERATED, existing: page(OLD), overwriteEdits: false })).toEqual(
      { content: GENERATED, keptEdits: [], overwritten: [] },
    )
  })

  it('keeps text people wrote above, between and below the regions, and their note', () => {
    const existing = [
      FRONT_MATTER,
      'Read this first.\n\n',
      region('header', OLD.header),
      '\nA paragraph between two regions.\n\n',
      region('incidents', OLD.incidents),
      note('The week was calm.\n\nMostly.\n'),
      region('postmortems', OLD.postmortems),
      region('highlights', OLD.highlights),
      '\n---\n\nFooter people added, with no newline at the end',
    ].join('')
    const expected = [
      FRONT_MATTER,
      'Read this first.\n\n',
      region('header', NEW.header),
      '\nA paragraph between two regions.\n\n',
      region('incidents', NEW.incidents),
      note('The week was calm.\n\nMostly.\n'),
      region('postmortems', NEW.postmortems),
      region('highlights', NEW.highlights),
      '\n---\n\nFooter people added, with no newline at the end',
    ].join('')
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
      content: expected,
      keptEdits: [],
      overwritten: [],
    })
  })

  it('never takes the editor note from the generated page', () => {
    const generated = page(NEW, { noteText: 'A different placeholder.\n' })
    const existing = page(OLD, { noteText: 'What the editor wrote.\n' })
    expect(mergePage({ generated, existing, overwriteEdits: true }).content).toBe(
      page(NEW, { noteText: 'What the editor wrote.\n' }),
    )
  })

  it('keeps the existing front matter, edited or not', () => {
    const edited = '---\ntitle: "Our week"\nsidebar_position: 3\n---\n'
    const generated = page(NEW, { frontMatter: '---\ntitle: "Something else"\n---\n' })
    expect(
      mergePage({ generated, existing: page(OLD, { frontMatter: edited }), overwriteEdits: true })
        .content,
    ).toBe(page(NEW, { frontMatter: edited }))
    expect(
      mergePage({ generated, existing: page(OLD, { frontMatter: '' }), overwriteEdits: false })
        .content,
    ).toBe(page(NEW, { frontMatter: '' }))
  })

  it('keeps a region a person edited and says so', () => {
    const edited = OLD.incidents.replace('DNS outage', 'DNS outage (resolver cache)')
    const existing = page({ ...OLD, incidents: edited }).replace(
      region('incidents', edited),
      region('incidents', edited, OLD.incidents),
    )
    const result = mergePage({ generated: GENERATED, existing, overwriteEdits: false })
    expect(result.keptEdits).toEqual(['incidents'])
    expect(result.overwritten).toEqual([])
    expect(result.content).toBe(
      GENERATED.replace(
        region('incidents', NEW.incidents),
        region('incidents', edited, OLD.incidents),
      ),
    )
  })

  it('overwrites an edited region when asked to, and says so', () => {
    const edited = `${OLD.highlights}\nAn extra line.\n`
    const existing = page(OLD).replace(
      region('highlights', OLD.highlights),
      region('highlights', edited, OLD.highlights),
    )
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
      content: GENERATED,
      keptEdits: [],
      overwritten: ['highlights'],
    })
  })

  it('does not bring back a region people deleted, even when overwriting edits', () => {
    const existing = page(OLD).replace(`${region('postmortems', OLD.postmortems)}\n`, '')
    for (const overwriteEdits of [false, true]) {
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits })).toEqual({
        content: GENERATED.replace(`${region('postmortems', NEW.postmortems)}\n`, ''),
        keptEdits: ['postmortems'],
        overwritten: [],
      })
    }
  })

  it('keeps regions people moved where they put them, and updates them', () => {
    const existing = [
      region('highlights', OLD.highlights),
      region('header', OLD.header),
      region('incidents', OLD.incidents),
      region('postmortems', OLD.postmortems),
    ].join('')
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
      [
        region('highlights', NEW.highlights),
        region('header', NEW.header),
        region('incidents', NEW.incidents),
        region('postmortems', NEW.postmortems),
      ].join(''),
    )
  })

  it('leaves alone a region the generated page no longer has', () => {
    const existing = `${page(OLD)}${region('retired', 'An old section.\n')}`
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
      content: `${GENERATED}${region('retired', 'An old section.\n')}`,
      keptEdits: [],
      overwritten: [],
    })
  })

  it('keeps a file that is not a report page whole', () => {
    const existing = '# Our own page\n\nNothing to do with infra-log:generated things.\n'
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
      content: existing,
      keptEdits: ['page'],
      overwritten: [],
    })
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
      content: GENERATED,
      keptEdits: [],
      overwritten: ['page'],
    })
  })

  it('keeps a CRLF file byte for byte outside the regions, and writes replaced regions in CRLF', () => {
    const existing = crlf(`People's intro.\n\n${page(OLD, { noteText: 'Our note.\n' })}\nBye.\n`)
    const result = mergePage({ generated: GENERATED, existing, overwriteEdits: false })
    expect(result).toEqual({
      content: crlf(`People's intro.\n\n${page(NEW, { noteText: 'Our note.\n' })}\nBye.\n`),
      keptEdits: [],
      overwritten: [],
    })
  })

  it('writes each replaced region with the line ending of the marker it replaces', () => {
    const existing = `${crlf(region('header', OLD.header))}\n${region('incidents', OLD.incidents)}`
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
      `${crlf(region('header', NEW.header))}\n${region('incidents', NEW.incidents)}`,
    )
  })

  it('reads a CRLF region edited in an LF page as edited, not as broken', () => {
    const existing = page(OLD).replace(
      region('incidents', OLD.incidents),
      crlf(region('incidents', OLD.incidents)),
    )
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
      content: GENERATED.replace(
        region('incidents', NEW.incidents),
        crlf(region('incidents', NEW.incidents)),
      ),
      keptEdits: [],
      overwritten: [],
    })
  })

  it('accepts markers with trailing spaces and ends the last region with a line break', () => {
    const existing = region('header', OLD.header).replace(' -->\n', ' -->  \n').replace(/\n$/, '\t')
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
      region('header', NEW.header),
    )
  })

  it('reads a first marker behind a byte order mark, and keeps the mark', () => {
    const existing = `\uFEFF${region('header', OLD.header)}`
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
      `\uFEFF${region('header', NEW.header)}`,
    )
  })

  describe('with broken markers, never throws and loses nothing', () => {
    it('keeps a region whose end marker was deleted as text, and still updates the others', () => {
      const existing = page(OLD).replace('<!-- infra-log:generated:end id=incidents -->\n', '')
      const result = mergePage({ generated: GENERATED, existing, overwriteEdits: true })
      expect(result.keptEdits).toEqual(['incidents'])
      expect(result.overwritten).toEqual([])
      expect(result.content).toBe(
        page(NEW).replace(
          region('incidents', NEW.incidents),
          region('incidents', OLD.incidents).replace(
            '<!-- infra-log:generated:end id=incidents -->\n',
            '',
          ),
        ),
      )
    })

    it('keeps both copies of a duplicated region unless overwriting, then replaces both', () => {
      const existing = `${page(OLD)}\n${region('highlights', OLD.highlights)}`
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
        content: `${page(OLD)
          .replace(region('header', OLD.header), region('header', NEW.header))
          .replace(region('incidents', OLD.incidents), region('incidents', NEW.incidents))
          .replace(
            region('postmortems', OLD.postmortems),
            region('postmortems', NEW.postmortems),
          )}\n${region('highlights', OLD.highlights)}`,
        keptEdits: ['highlights'],
        overwritten: [],
      })
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
        content: `${GENERATED}\n${region('highlights', NEW.highlights)}`,
        keptEdits: [],
        overwritten: ['highlights'],
      })
    })

    it('keeps nested regions as text when they are not well formed', () => {
      // A person pasted the header region inside the incidents region: incidents no longer
      // matches its hash and holds another start marker, so its extent is unknown.
      const existing = region(
        'incidents',
        `${OLD.incidents}${region('header', OLD.header)}`,
        OLD.incidents,
      )
      const result = mergePage({ generated: GENERATED, existing, overwriteEdits: true })
      expect(result.keptEdits).toEqual(['incidents', 'postmortems', 'highlights'])
      expect(result.overwritten).toEqual([])
      expect(result.content).toBe(
        existing.replace(region('header', OLD.header), region('header', NEW.header)),
      )
    })

    it('treats a region inside the editor note as part of the note', () => {
      const existing = `${region('header', OLD.header)}${note(`Quoting the old list:\n${region('incidents', OLD.incidents)}`)}`
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
        content: `${region('header', NEW.header)}${note(`Quoting the old list:\n${region('incidents', OLD.incidents)}`)}`,
        keptEdits: ['incidents', 'postmortems', 'highlights'],
        overwritten: [],
      })
    })

    it('keeps an editor note with no end as text, and updates what follows', () => {
      const existing = `<!-- infra-log:editor-note:start -->\nHalf a note.\n${region('header', OLD.header)}`
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false }).content).toBe(
        `<!-- infra-log:editor-note:start -->\nHalf a note.\n${region('header', NEW.header)}`,
      )
    })

    it('keeps marker text people quoted in a code block, and updates the real region', () => {
      const quoted = [
        'How the page works:\n\n```\n',
        '<!-- infra-log:generated:start id=incidents hash=0123456789ab -->\n',
        '<!-- infra-log:generated:end id=header -->\n',
        '```\n\n',
      ].join('')
      const existing = `${quoted}${region('incidents', OLD.incidents)}`
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
        content: `${quoted}${region('incidents', NEW.incidents)}`,
        keptEdits: ['header', 'postmortems', 'highlights'],
        overwritten: [],
      })
    })

    it('keeps a marker with a hash that is not 12 hex digits as text', () => {
      const existing = region('header', OLD.header).replace(/hash=[0-9a-f]{12}/, 'hash=XYZ')
      expect(mergePage({ generated: GENERATED, existing, overwriteEdits: true })).toEqual({
        content: existing,
        keptEdits: ['header', 'incidents', 'postmortems', 'highlights'],
        overwritten: [],
      })
    })
  })

  it('finds the end of a region whose content quotes its own end marker', () => {
    // An issue body can put marker text in a code block; the hash says which end is the real one.
    const hostile =
      '- Apr 24: Broken page\n\n  ```\n<!-- infra-log:generated:end id=incidents -->\n<!-- infra-log:generated:start id=header hash=000000000000 -->\n  ```\n'
    const existing = `${region('incidents', hostile)}After.\n`
    expect(mergePage({ generated: GENERATED, existing, overwriteEdits: false })).toEqual({
      content: `${region('incidents', NEW.incidents)}After.\n`,
      keptEdits: ['header', 'postmortems', 'highlights'],
      overwritten: [],
    })
    const generated = page({ ...NEW, incidents: hostile })
    const merged = mergePage({ generated, existing: page(OLD), overwriteEdits: false })
    expect(merged.content).toBe(generated)
    expect(
      mergePage({ generated: GENERATED, existing: merged.content, overwriteEdits: false }),
    ).toEqual({ content: GENERATED, keptEdits: [], overwritten: [] })
  })

  it('merges a large page with many stray markers quickly', () => {
    const stray = '<!-- infra-log:generated:start id=incidents hash=000000000000 -->\n'.repeat(2000)
    const body = 'x'.repeat(200).concat('\n').repeat(5000)
    const existing = `${stray}${region('incidents', `${body}${stray}`, OLD.incidents)}${region('header', OLD.header)}${body}`
    const started = performance.now()
    const result = mergePage({ generated: GENERATED, existing, overwriteEdits: false })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.content).toBe(
      existing.replace(region('header', OLD.header), region('header', NEW.header)),
    )
  })
})

describe('mergePage on pages from renderPage', () => {
  const render = (report: Report, site: (typeof SITE_PRESETS)[number] = 'plain') =>
    renderPage({ report, site, intro: '', diagramFile: '2024-05-07-incidents.svg' })
  const before = makeReport({ incidents: [{}] })
  const after = makeReport({
    incidents: [
      {},
      {
        title: 'Disk full <!-- infra-log:generated:end id=incidents -->',
        summary:
          'Quoting markers:\n\n```\n<!-- infra-log:generated:end id=incidents -->\n<!-- infra-log:editor-note:start -->\n```\n',
        postmortem: 'The disk filled up.',
        started: '2024-05-02T08:30:00Z',
        ended: '2024-05-02T09:30:00Z',
        durationMinutes: 60,
      },
    ],
    highlights: [{}],
  })
  const incidentsRegion = (page: string) =>
    /<!-- infra-log:generated:start id=incidents [\s\S]*?<!-- infra-log:generated:end id=incidents -->/.exec(
      page,
    )?.[0] ?? ''

  it('hashes regions the way render-page does', () => {
    expect(hashRegion('\nA\r\nB\n')).toBe(hash('\nA\r\nB\n'))
  })

  const frontMatter = (page: string) => /^---\n[\s\S]*?\n---\n/.exec(page)?.[0] ?? ''

  for (const site of SITE_PRESETS) {
    it(`updates an untouched ${site} page to the new report, keeping its front matter`, () => {
      const existing = render(before, site)
      const generated = render(after, site)
      expect(frontMatter(existing) === '').toBe(site === 'plain')
      expect(mergePage({ generated, existing, overwriteEdits: false })).toEqual({
        content: generated.replace(frontMatter(generated), frontMatter(existing)),
        keptEdits: [],
        overwritten: [],
      })
    })
  }

  it('keeps the note, text people added and an incident they reworded', () => {
    const personalize = (page: string) =>
      page
        .replace(EDITOR_NOTE_PLACEHOLDER, 'The week was calm, apart from the disk.')
        .replace(
          '<!-- infra-log:generated:end id=header -->\n',
          '<!-- infra-log:generated:end id=header -->\n\nPeople wrote this.\n',
        )
    const existing = personalize(render(before)).replace(
      '**Apr 24: Incident 0**',
      '**Apr 24: The first incident**',
    )
    expect(existing).not.toBe(personalize(render(before)))
    const result = mergePage({ generated: render(after), existing, overwriteEdits: false })
    expect(result).toEqual({
      content: personalize(render(after)).replace(
        incidentsRegion(render(after)),
        incidentsRegion(existing),
      ),
      keptEdits: ['incidents'],
      overwritten: [],
    })
    expect(mergePage({ generated: render(after), existing, overwriteEdits: true })).toEqual({
      content: personalize(render(after)),
      keptEdits: [],
      overwritten: ['incidents'],
    })
  })
})

describe('mergePage properties', () => {
  const SECTION_IDS = ['header', 'incidents', 'postmortems', 'highlights'] as const
  const MARKERS = [
    /^<!-- infra-log:generated:start id=[A-Za-z0-9_-]+ hash=[0-9a-f]{12} -->[ \t]*\r?$/,
    /^<!-- infra-log:generated:end id=[A-Za-z0-9_-]+ -->[ \t]*\r?$/,
    /^<!-- infra-log:editor-note:(start|end) -->[ \t]*\r?$/,
  ]
  const isMarker = (line: string) => MARKERS.some((marker) => marker.test(line))

  /** Text people write, marker-like lines included, but never a whole marker. */
  const humanLine = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')),
    fc.constantFrom(
      '',
      '```',
      '---',
      '<!-- infra-log:generated:start id=header -->',
      '<!-- infra-log:generated:end id=header --> and more',
      '<!-- infra-log:editor-note:start -->',
      '<!-- a comment -->',
      '  <!-- infra-log:editor-note:start -->',
      '### Incidents',
    ),
  )
  const humanText = fc.array(humanLine, { maxLength: 4 }).map((lines) =>
    lines
      .filter((line) => !isMarker(line))
      .map((line) => `${line}\n`)
      .join(''),
  )

  const content = fc
    .array(
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
      {
        maxLength: 3,
      },
    )
    .map((lines) => lines.map((line) => `${line}\n`).join(''))

  const generatedPage = fc
    .record({
      header: content,
      incidents: content,
      postmortems: content,
      highlights: content,
    })
    .map((sections) => page(sections))

  /** An existing page as blocks: people's text, and regions untouched, edited or deleted. */
  const existingBlocks = fc.record({
    texts: fc.array(humanText, { minLength: 5, maxLength: 5 }),
    order: fc.shuffledSubarray([...SECTION_IDS], { minLength: 1 }),
    states: fc.array(fc.constantFrom('untouched', 'edited'), { minLength: 4, maxLength: 4 }),
    contents: fc.array(content, { minLength: 4, maxLength: 4 }),
    noteAt: fc.integer({ min: 0, max: 4 }),
    noteText: humanText,
    crlf: fc.boolean(),
  })

  function buildExisting(blocks: typeof existingBlocks extends fc.Arbitrary<infer T> ? T : never) {
    const parts: { text: string; id?: string; edited?: boolean }[] = []
    blocks.order.forEach((id, at) => {
      parts.push({ text: blocks.texts[at] ?? '' })
      if (at === blocks.noteAt) parts.push({ text: note(blocks.noteText) })
      const body = blocks.contents[at] ?? ''
      const edited = blocks.states[at] === 'edited'
      parts.push({ id, edited, text: region(id, body, edited ? `${body}edited` : body) })
    })
    parts.push({ text: blocks.texts[4] ?? '' })
    const eol = (text: string) => (blocks.crlf ? crlf(text) : text)
    return { parts, eol }
  }

  function regionOf(generated: string, id: string): string {
    const match = new RegExp(
      `<!-- infra-log:generated:start id=${id} [^\\n]*\\n[\\s\\S]*?<!-- infra-log:generated:end id=${id} -->\\n`,
    ).exec(generated)
    return match?.[0] ?? ''
  }

  it('keeps every line people wrote, updates untouched regions, keeps edited ones', () => {
    fc.assert(
      fc.property(generatedPage, existingBlocks, (generated, blocks) => {
        const { parts, eol } = buildExisting(blocks)
        const existing = eol(parts.map((part) => part.text).join(''))
        const result = mergePage({ generated, existing, overwriteEdits: false })
        const expected = eol(
          parts
            .map((part) =>
              part.id === undefined || part.edited === true
                ? part.text
                : regionOf(generated, part.id),
            )
            .join(''),
        )
        const missing = SECTION_IDS.filter((id) => !blocks.order.includes(id))
        const edited = parts.filter((p) => p.edited === true).map((p) => p.id)
        expect(result.content).toBe(expected)
        expect([...result.keptEdits].sort()).toEqual([...missing, ...edited].sort())
      }),
    )
  })

  /** Any mix of lines, markers (well formed or not) among them; `hashes` for the start markers. */
  const anyLine = (hashes: string[]) =>
    fc.oneof(
      { weight: 3, arbitrary: humanLine },
      {
        weight: 2,
        arbitrary: fc
          .record({
            kind: fc.constantFrom('start', 'end', 'note-start', 'note-end'),
            id: fc.constantFrom(...SECTION_IDS, 'other'),
            hash: fc.constantFrom(...hashes),
          })
          .map(({ kind, id, hash }) =>
            kind === 'start'
              ? `<!-- infra-log:generated:start id=${id} hash=${hash} -->`
              : kind === 'end'
                ? `<!-- infra-log:generated:end id=${id} -->`
                : `<!-- infra-log:editor-note:${kind === 'note-start' ? 'start' : 'end'} -->`,
          ),
      },
    )
  const anyPage = (hashes: string[]) =>
    fc
      .array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .tuple(anyLine(hashes), fc.constantFrom('\n', '\r\n'))
              .map(([line, eol]) => `${line}${eol}`),
          },
          { weight: 1, arbitrary: fc.constantFrom(...SECTION_IDS).map((id) => region(id, 'x\n')) },
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(''))

  it('is idempotent on any page, well formed or not', () => {
    fc.assert(
      fc.property(
        generatedPage,
        anyPage(['000000000000', hash(''), hash('x\n')]),
        fc.boolean(),
        (generated, existing, overwriteEdits) => {
          const once = mergePage({ generated, existing, overwriteEdits })
          const twice = mergePage({ generated, existing: once.content, overwriteEdits })
          expect(twice.content).toBe(once.content)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('loses no line of any page: what is not an untouched region stays, in order', () => {
    fc.assert(
      fc.property(generatedPage, anyPage(['000000000000']), (generated, existing) => {
        // A blank file counts as no file: the generated page replaces it.
        fc.pre(existing.trim() !== '')
        const result = mergePage({ generated, existing, overwriteEdits: false })
        const untouched = new Set(SECTION_IDS.map((id) => region(id, 'x\n')))
        // Lines of regions built untouched may be replaced; every other line must survive.
        const kept = existing.split(/(?<=\n)/).reduce<{ lines: string[]; skip: number }>(
          (acc, line, at, all) => {
            if (acc.skip > 0) return { lines: acc.lines, skip: acc.skip - 1 }
            const candidate = all.slice(at, at + 3).join('')
            return untouched.has(candidate)
              ? { lines: acc.lines, skip: 2 }
              : { lines: [...acc.lines, line], skip: 0 }
          },
          { lines: [], skip: 0 },
        ).lines
        const output = result.content.split(/(?<=\n)/)
        let at = 0
        for (const line of kept) {
          while (at < output.length && output[at] !== line) at += 1
          expect(at, `line ${JSON.stringify(line)} was lost`).toBeLessThan(output.length)
          at += 1
        }
      }),
      { numRuns: 300 },
    )
  })
})
