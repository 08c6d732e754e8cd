import fc from 'fast-check'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IndexEntry } from '../../src/render/index-entry.js'
import { renderFeed } from '../../src/render/render-feed.js'

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

/** Characters XML 1.0 forbids; none may reach the feed. */
const ILLEGAL =
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(ILLEGAL.test(xml)).toBe(false)
  return new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(
    xml,
  ) as { feed: { title: string; entry?: { title: { '#text': string } }[] } }
}

describe('renderFeed', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes an Atom feed of the reports on GitHub, newest first', () => {
    expect(
      renderFeed({
        entries: [MAY_7, MAY_14],
        repository: 'acme/platform',
        outputDir: './docs/log/',
      }),
    ).toBe(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
    <id>tag:github.com,2008:acme/platform/infra-log</id>
    <title>Infra Log</title>
    <updated>2024-05-14T00:00:00.000Z</updated>
    <generator>infra-log</generator>
    <author>
        <name>acme/platform</name>
        <uri>https://github.com/acme/platform</uri>
    </author>
    <link rel="alternate" href="https://github.com/acme/platform/blob/HEAD/docs/log/index.md"/>
    <entry>
        <title type="html"><![CDATA[May 1 – May 14, 2024]]></title>
        <id>tag:github.com,2008:acme/platform/infra-log/2024-05-14</id>
        <link href="https://github.com/acme/platform/blob/HEAD/docs/log/2024-05-14.md"/>
        <updated>2024-05-14T00:00:00.000Z</updated>
    </entry>
    <entry>
        <title type="html"><![CDATA[Apr 24 – May 7, 2024]]></title>
        <id>tag:github.com,2008:acme/platform/infra-log/2024-05-07</id>
        <link href="https://github.com/acme/platform/blob/HEAD/docs/log/2024-05-07.md"/>
        <updated>2024-05-07T00:00:00.000Z</updated>
        <summary type="html"><![CDATA[3 incidents, 2 highlights]]></summary>
    </entry>
</feed>
`)
  })

  it('links to the published site when given one, with ids that do not depend on it', () => {
    expect(
      renderFeed({
        entries: [MAY_7],
        siteUrl: 'https://acme.github.io/platform/infra-log',
        feedTitle: 'Platform & Infra',
      }),
    ).toBe(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
    <id>https://acme.github.io/platform/infra-log/</id>
    <title>Platform &amp; Infra</title>
    <updated>2024-05-07T00:00:00.000Z</updated>
    <generator>infra-log</generator>
    <author>
        <name>Platform &amp; Infra</name>
    </author>
    <link rel="alternate" href="https://acme.github.io/platform/infra-log/"/>
    <link rel="self" href="https://acme.github.io/platform/infra-log/feed.xml"/>
    <entry>
        <title type="html"><![CDATA[Apr 24 – May 7, 2024]]></title>
        <id>tag:infra-log,2024-05-07:2024-05-07.md</id>
        <link href="https://acme.github.io/platform/infra-log/2024-05-07.md"/>
        <updated>2024-05-07T00:00:00.000Z</updated>
        <summary type="html"><![CDATA[3 incidents, 2 highlights]]></summary>
    </entry>
</feed>
`)
  })

  it('writes an empty feed dated at the epoch, with no base to link to', () => {
    expect(renderFeed({ entries: [] })).toBe(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
    <id>tag:infra-log,1970-01-01:feed</id>
    <title>Infra Log</title>
    <updated>1970-01-01T00:00:00.000Z</updated>
    <generator>infra-log</generator>
    <author>
        <name>Infra Log</name>
    </author>
</feed>
`)
  })

  it('links to GitHub under the default folder, or at the root', () => {
    expect(renderFeed({ entries: [MAY_7], repository: 'acme/platform' })).toContain(
      '<link href="https://github.com/acme/platform/blob/HEAD/docs/infra-log/2024-05-07.md"/>',
    )
    for (const outputDir of ['', '.', './']) {
      expect(renderFeed({ entries: [MAY_7], repository: 'acme/platform', outputDir })).toContain(
        '<link href="https://github.com/acme/platform/blob/HEAD/2024-05-07.md"/>',
      )
    }
  })

  it('links entries to their ids when there is neither a site nor a repository', () => {
    expect(renderFeed({ entries: [MAY_7] })).toContain(
      '<link href="tag:infra-log,2024-05-07:2024-05-07.md"/>',
    )
  })

  it('does not read the clock and does not depend on the order of the entries', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2030-01-01T12:34:56Z'))
    const first = renderFeed({ entries: [MAY_7, MAY_14], repository: 'acme/platform' })
    vi.setSystemTime(new Date('2031-06-30T01:02:03Z'))
    const second = renderFeed({ entries: [MAY_14, MAY_7], repository: 'acme/platform' })
    expect(second).toBe(first)
    expect(first).not.toMatch(/203[01]/)
    expect(renderFeed({ entries: [] })).not.toMatch(/203[01]/)
  })

  it('keeps hostile titles and summaries as text in well-formed XML', () => {
    const hostile: IndexEntry = {
      asOf: '2024-05-21',
      title:
        'A ]]> B ]]> <script>alert(1)</script> &amp; @team \u0000\u0001\u000b\uFFFE\uFFFF\uD800 end',
      summary: '</summary></entry><entry> "quoted" \'single\'',
      path: 'weird path (1)/2024-05-21.md',
    }
    const xml = renderFeed({ entries: [hostile], siteUrl: 'https://example.org/log/' })
    const feed = parse(xml)
    expect(feed.feed.entry).toHaveLength(1)
    expect(xml).toContain(
      '<title type="html"><![CDATA[A ]]&gt; B ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; @team  end]]></title>',
    )
    expect(xml).toContain(
      '<summary type="html"><![CDATA[&lt;/summary&gt;&lt;/entry&gt;&lt;entry&gt; &quot;quoted&quot; &apos;single&apos;]]></summary>',
    )
    expect(xml).toContain('<link href="https://example.org/log/weird%20path%20(1)/2024-05-21.md"/>')
  })

  it('names a bad site URL or as-of date and says what it accepts', () => {
    expect(() => renderFeed({ entries: [MAY_7], siteUrl: 'docs/infra-log' })).toThrow(
      'Feed site URL `docs/infra-log` is not an absolute URL (e.g. `https://acme.github.io/platform/infra-log/`)',
    )
    expect(() => renderFeed({ entries: [{ ...MAY_7, asOf: '2024-5-7' }] })).toThrow(
      'Feed entry as-of `2024-5-7` is not a `YYYY-MM-DD` date',
    )
    expect(() => renderFeed({ entries: [{ ...MAY_7, asOf: '2024-02-30' }] })).toThrow(
      'Feed entry as-of `2024-02-30` is not a `YYYY-MM-DD` date',
    )
  })

  it('gives well-formed XML for any title, summary and feed title', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 })
    const entry = fc.record({
      asOf: fc.constantFrom('2024-01-01', '2024-02-29', '2025-12-31'),
      title: text,
      summary: text,
      path: fc.string({ maxLength: 20 }).map((p) => `${p}.md`),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), text, (entries, feedTitle) => {
        const feed = parse(renderFeed({ entries, feedTitle, siteUrl: 'https://example.org/' }))
        expect(feed.feed.entry ?? []).toHaveLength(entries.length)
      }),
    )
  })
})
