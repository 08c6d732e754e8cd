import fc from 'fast-check'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { escapeXml, stripIllegalXmlChars } from '../../src/render/xml-escape.js'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
})

describe('escapeXml', () => {
  it('turns all five markup characters into entities', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
    expect(escapeXml('</svg> ]]> <!-- -->')).toBe('&lt;/svg&gt; ]]&gt; &lt;!-- --&gt;')
    expect(escapeXml('&amp;')).toBe('&amp;amp;')
  })

  it('keeps text XML allows, astral characters and right-to-left letters included', () => {
    expect(escapeXml('tab\there\nline\r\n🔥 עברית é\u0085\uE000')).toBe(
      'tab\there\nline\r\n🔥 עברית é\u0085\uE000',
    )
  })

  it('drops C0 controls, lone surrogates and the two non-characters XML forbids', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg')).toBe('abcdefg')
    expect(stripIllegalXmlChars('x\uD800y\uDC00z\uDBFF')).toBe('xyz')
    expect(stripIllegalXmlChars('\uDC00\uD800')).toBe('')
    expect(stripIllegalXmlChars('p\uFFFEq\uFFFFr')).toBe('pqr')
    expect(stripIllegalXmlChars('\uD83D\uDD25')).toBe('🔥')
  })

  it('gives well-formed text and attributes that read back as the input, less what XML forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (input) => {
        // XML parsers turn CRLF and a lone CR into LF, and white space in attributes into spaces.
        const lineEnds = (text: string) => text.replace(/\r\n?/g, '\n')
        const flat = input.replace(/[\r\n\t]/g, ' ')
        const xml = `<r a="${escapeXml(flat)}">${escapeXml(input)}</r>`
        if (XMLValidator.validate(xml) !== true) return false
        const parsed = parser.parse(xml) as { r: { '#text'?: string; a: string } }
        return (
          lineEnds(parsed.r['#text'] ?? '') === lineEnds(stripIllegalXmlChars(input)) &&
          parsed.r.a === stripIllegalXmlChars(flat)
        )
      }),
      { numRuns: 300 },
    )
  })
})
