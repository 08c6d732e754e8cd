import { describe, expect, it } from 'vitest'
import { decodeEntities, documentTitle, findImages, findLinks, visibleText } from './html-checks.js'

describe('html checks', () => {
  it('decodes the references generators write', () => {
    expect(decodeEntities('&lt;b&gt; &amp;amp; &#8203;&#x41; &nbsp;')).toBe(
      '<b> &amp; \u200BA &nbsp;',
    )
  })

  it('reads the visible text without comments, tags or zero-width spaces', () => {
    const html =
      '<head><title>T</title></head><p>a <!-- infra-log:generated:start --> <b>@&#8203;ana</b></p>'
    expect(visibleText(html)).toBe('a @ana')
    expect(documentTitle(html)).toBe('T')
  })

  it('finds images and links with their attributes decoded', () => {
    const html =
      '<img src="/a&amp;b.svg" alt="x &lt; y"><a class="c" href="/p.html">P <em>1</em></a><a name="n">no</a>'
    expect(findImages(html)).toEqual([{ src: '/a&b.svg', alt: 'x < y' }])
    expect(findLinks(html)).toEqual([{ href: '/p.html', text: 'P 1' }])
  })
})
