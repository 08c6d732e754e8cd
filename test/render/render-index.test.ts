import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderFrontMatter } from '../../src/render/front-matter.js'
import type { IndexEntry } from '../../src/render/index-entry.js'
import { readIndexEntries, renderIndex } from '../../src/render/render-index.js'
import { stripIllegalXmlChars } from '../../src/render/xml-escape.js'

const MAY_7: IndexEntry = {
  asOf: '2024-05-07',
  title: 'Apr 24 – May 7, 2024',
  summary: '3 incidents, 2 highlights',
  path: '2024-05-07.md',
}
const MAY_14: IndexEntry = {
  asOf: '2024-05-14',
  title: 'May 1 – May 14, 2024',
  summary: '',
  path: '2024-05-14.md',
}

const SENTENCE =
  'Weekly reports from the infrastructure team: every incident, however small, and what the team shipped. Newest first; also as an [Atom feed](feed.xml).\n'
const LIST = [
  '<!-- infra-log:index:start -->',
  '- [May 1 – May 14, 2024](2024-05-14.md)',
  '- [Apr 24 – May 7, 2024](2024-05-07.md) — 3 incidents, 2 highlights',
  '<!-- infra-log:index:end -->',
  '',
].join('\n')

const crlf = (text: string) => text.replace(/\n/g, '\r\n')

describe('renderIndex', () => {
  it('writes a fresh plain page: heading, sentence, list newest first', () => {
    expect(renderIndex({ existing: null, entries: [MAY_7, MAY_14], site: 'plain' })).toBe(
      `# Infra Log\n\n${SENTENCE}\n${LIST}`,
    )
  })

  it('writes a fresh page with the front matter of the site preset, and no date in it', () => {
    for (const site of ['docusaurus', 'mkdocs', 'hugo', 'vitepress'] as const) {
      const frontMatter = renderFrontMatter({
        site,
        title: 'Ops Log',
        description:
          'Weekly reports from the infrastructure team: every incident, however small, and what the team shipped.',
      })
      expect(frontMatter).toMatch(/^---\ntitle: Ops Log\n[\s\S]*\n---\n\n$/)
      expect(
        renderIndex({ existing: null, entries: [MAY_7, MAY_14], site, title: 'Ops Log' }),
      ).toBe(`${frontMatter}# Ops Log\n\n${SENTENCE}\n${LIST}`)
    }
  })

  it('leaves the heading to the layout on Jekyll, which shows the title', () => {
    expect(renderIndex({ existing: null, entries: [MAY_7], site: 'jekyll' })).toBe(
      [
        '---',
        'layout: page',
        'title: Infra Log',
        'description: "Weekly reports from the infrastructure team: every incident, however small, and what the team shipped."',
        '---',
        '',
        SENTENCE,
        '<!-- infra-log:index:start -->',
        '- [Apr 24 – May 7, 2024](2024-05-07.md) — 3 incidents, 2 highlights',
        '<!-- infra-log:index:end -->',
        '',
      ].join('\n'),
    )
  })

  it('treats a blank file as no file', () => {
    expect(renderIndex({ existing: ' \n', entries: [MAY_7], site: 'plain' })).toBe(
      renderIndex({ existing: null, entries: [MAY_7], site: 'plain' }),
    )
  })

  it('rewrites only the list and keeps what people wrote above and below it', () => {
    const existing = [
      '---',
      'title: Our log',
      '---',
      '# Our log',
      '',
      'Some words people wrote.',
      '',
      '<!-- infra-log:index:start -->',
      '- [Apr 24 – May 7, 2024](2024-05-07.md) — old summary',
      '<!-- infra-log:index:end -->',
      '',
      'A footer, without a final newline',
    ].join('\n')
    expect(renderIndex({ existing, entries: [MAY_14, MAY_7], site: 'jekyll' })).toBe(
      [
        '---',
        'title: Our log',
        '---',
        '# Our log',
        '',
        'Some words people wrote.',
        '',
        LIST,
        'A footer, without a final newline',
      ].join('\n'),
    )
  })

  it('appends the list to a page that has no markers, keeping all of it', () => {
    expect(
      renderIndex({ existing: '# Reports\n\nHand-made.', entries: [MAY_7], site: 'plain' }),
    ).toBe(
      '# Reports\n\nHand-made.\n\n<!-- infra-log:index:start -->\n- [Apr 24 – May 7, 2024](2024-05-07.md) — 3 incidents, 2 highlights\n<!-- infra-log:index:end -->\n',
    )
    expect(renderIndex({ existing: crlf('# Reports\n'), entries: [], site: 'plain' })).toBe(
      crlf('# Reports\n\n<!-- infra-log:index:start -->\n<!-- infra-log:index:end -->\n'),
    )
  })

  it('keeps a CRLF page byte for byte around the list, and writes the list in CRLF', () => {
    const existing = crlf(`# Log\n\n${LIST}\nAfter.\n`)
    expect(renderIndex({ existing, entries: [MAY_14], site: 'plain' })).toBe(
      crlf(
        '# Log\n\n<!-- infra-log:index:start -->\n- [May 1 – May 14, 2024](2024-05-14.md)\n<!-- infra-log:index:end -->\n\nAfter.\n',
      ),
    )
  })

  it('uses the first well-formed pair of markers and leaves stray ones as text', () => {
    const existing = [
      '<!-- infra-log:index:end -->',
      'Stray end above.',
      '<!-- infra-log:index:start -->',
      'A start with no end of its own.',
      '<!-- infra-log:index:start -->',
      'old list',
      '<!-- infra-log:index:end -->',
      '<!-- infra-log:index:end -->',
      '',
    ].join('\n')
    const rendered = renderIndex({ existing, entries: [MAY_14], site: 'plain' })
    expect(rendered).toBe(
      [
        '<!-- infra-log:index:end -->',
        'Stray end above.',
        '<!-- infra-log:index:start -->',
        'A start with no end of its own.',
        '<!-- infra-log:index:start -->',
        '- [May 1 – May 14, 2024](2024-05-14.md)',
        '<!-- infra-log:index:end -->',
        '<!-- infra-log:index:end -->',
        '',
      ].join('\n'),
    )
    expect(renderIndex({ existing: rendered, entries: [MAY_14], site: 'plain' })).toBe(rendered)
  })

  it('escapes hostile titles so that they cannot end the list or the link', () => {
    const hostile: IndexEntry = {
      asOf: '2024-05-21',
      title: 'x](https://evil.example) <!-- infra-log:index:end --> @infra/team\nline two',
      summary: '<script>alert(1)</script> *bold* \\ & `code`',
      path: 'reports (old)/2024-05-21 draft.md',
    }
    const rendered = renderIndex({ existing: null, entries: [hostile], site: 'plain' })
    expect(rendered.split('\n').slice(4, 7)).toEqual([
      '<!-- infra-log:index:start -->',
      '- [x\\]\\(https://evil\\.example\\) &lt;\\!\\-\\- infra\\-log:index:end \\-\\-&gt; @&#8203;infra/team line two](reports%20%28old%29/2024-05-21%20draft.md) — &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*bold\\* \\\\ &amp; \\`code\\`',
      '<!-- infra-log:index:end -->',
    ])
    expect(readIndexEntries(rendered)).toEqual({
      entries: [{ ...hostile, title: hostile.title.replace('\n', ' ') }],
      dropped: [],
    })
  })

  it('is byte-stable and does not depend on the order of the entries', () => {
    const a = renderIndex({ existing: null, entries: [MAY_7, MAY_14], site: 'plain' })
    const b = renderIndex({ existing: null, entries: [MAY_14, MAY_7], site: 'plain' })
    expect(b).toBe(a)
    expect(renderIndex({ existing: a, entries: [MAY_14, MAY_7], site: 'plain' })).toBe(a)
  })
})

describe('readIndexEntries', () => {
  it('reads nothing from no page, or from a page without the list', () => {
    expect(readIndexEntries(null)).toEqual({ entries: [], dropped: [] })
    expect(readIndexEntries('# Reports\n\n- [Apr](2024-04-30.md)\n')).toEqual({
      entries: [],
      dropped: [],
    })
  })

  it('reads entries in page order, skips blank lines and reports lines that are not entries', () => {
    const existing = crlf(
      [
        '<!-- infra-log:index:start -->',
        '- [May 1 – May 14, 2024](2024-05-14.md)',
        '',
        'A note someone typed into the list',
        '- [Hand-written, no date](notes.md) — kept out',
        '- [Bad date](2024-02-30.md)',
        '- [Broken link(2024-05-01.md)',
        '- [Old report](archive/2023-12-31.md) — summary with — dashes',
        '<!-- infra-log:index:end -->',
        '- [Outside the list](2024-01-01.md)',
      ].join('\n'),
    )
    expect(readIndexEntries(existing)).toEqual({
      entries: [
        { ...MAY_14 },
        {
          asOf: '2023-12-31',
          title: 'Old report',
          summary: 'summary with — dashes',
          path: 'archive/2023-12-31.md',
        },
      ],
      dropped: [
        'A note someone typed into the list',
        '- [Hand-written, no date](notes.md) — kept out',
        '- [Bad date](2024-02-30.md)',
        '- [Broken link(2024-05-01.md)',
      ],
    })
  })

  it('reads back template openers and drops control characters', () => {
    const entry: IndexEntry = {
      asOf: '2024-05-21',
      title: '{{ site.title }} {% raw %} {#x} { {',
      summary: 'bell\u0007 tab\t',
      path: '2024-05-21.md',
    }
    const page = renderIndex({ existing: null, entries: [entry], site: 'plain' })
    expect(page).toContain(
      '- [\\{\u200B\\{ site\\.title \\}\\} \\{\u200B% raw %\\} \\{\u200B\\#x\\} \\{ \\{](2024-05-21.md) — bell tab\t\n',
    )
    expect(readIndexEntries(page).entries).toEqual([{ ...entry, summary: 'bell tab\t' }])
  })

  /**
   * Text `inlineText` keeps as it is: no line breaks, NUL, control characters, zero-width spaces
   * or bidi embeddings, overrides and isolates (dropped, so that none reverses the page).
   */
  const plainLine = fc.string({ unit: 'binary', maxLength: 30 }).filter(
    // eslint-disable-next-line no-control-regex -- these are what inlineText changes
    (text) => !/[\0-\x08\x0A-\x1F\x7F\u2028\u2029\u200B\u202A-\u202E\u2066-\u2069]/.test(text),
  )
  const asOf = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10))
  const entries = (text: fc.Arbitrary<string>) =>
    fc
      .uniqueArray(fc.record({ asOf, title: text, summary: text, prefix: text }), {
        selector: (e) => e.asOf,
        maxLength: 5,
      })
      .map((list) =>
        list.map(({ prefix, ...rest }) => ({
          ...rest,
          path: `${stripIllegalXmlChars(prefix).replace(/\d/g, '')}${rest.asOf}.md`,
        })),
      )

  it('reads back exactly what renderIndex wrote', () => {
    fc.assert(
      fc.property(entries(plainLine), (list) => {
        const page = renderIndex({ existing: null, entries: list, site: 'plain' })
        expect(readIndexEntries(page)).toEqual({
          entries: [...list].sort((a, b) => (a.asOf < b.asOf ? 1 : -1)),
          dropped: [],
        })
      }),
    )
  })

  it('renders what it read back to the same bytes, whatever the text', () => {
    fc.assert(
      fc.property(entries(fc.string({ unit: 'binary', maxLength: 30 })), (list) => {
        const page = renderIndex({ existing: null, entries: list, site: 'plain' })
        const read = readIndexEntries(page)
        expect(read.dropped).toEqual([])
        expect(renderIndex({ existing: page, entries: read.entries, site: 'plain' })).toBe(page)
      }),
    )
  })
})
