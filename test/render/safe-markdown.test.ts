import fc from 'fast-check'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { inlineText } from '../../src/render/markdown-inline.js'
import { prepareMarkdownSource } from '../../src/render/prepare-markdown-source.js'
import { inlineMarkdown, safeMarkdown, TRUNCATION_NOTE } from '../../src/render/safe-markdown.js'
import { safeUrl } from '../../src/render/safe-url.js'

const ZWSP = '\u200B'

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

function nodesOf(root: Root): Nodes[] {
  const all: Nodes[] = []
  const stack: Nodes[] = [root]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    all.push(node)
    if ('children' in node) stack.push(...node.children)
  }
  return all
}

/** The output with its code (spans and blocks) blanked out, by the positions a parser gives. */
function outsideCode(markdown: string): string {
  let text = markdown
  for (const node of nodesOf(parse(markdown))) {
    if ((node.type === 'inlineCode' || node.type === 'code') && node.position !== undefined) {
      const { start, end } = node.position
      if (start.offset === undefined || end.offset === undefined) continue
      text =
        text.slice(0, start.offset) + ' '.repeat(end.offset - start.offset) + text.slice(end.offset)
    }
  }
  return text
}

describe('safeMarkdown: the safe subset, written back', () => {
  const cases: [string, string, string][] = [
    ['plain prose stays as written', 'The gateway shed load.', 'The gateway shed load.'],
    ['paragraphs stay apart', 'One.\n\nTwo.', 'One.\n\nTwo.'],
    ['soft line breaks stay', 'One\ntwo', 'One\ntwo'],
    ['hard breaks become two trailing spaces', 'One  \ntwo\\\nthree', 'One  \ntwo  \nthree'],
    ['emphasis and strong', '_a_ *b* __c__ **d**', '*a* *b* **c** **d**'],
    ['strikethrough, single tilde too', '~~gone~~ ~also~', '~~gone~~ ~~also~~'],
    ['an underscore inside a word is left alone', 'snake_case_name', 'snake_case_name'],
    [
      'an underscore at a word edge is escaped',
      '_private\n\ntrailing_',
      '\\_private\n\ntrailing\\_',
    ],
    ['inline code', 'run `kubectl get pods`', 'run `kubectl get pods`'],
    ['inline code with backticks gets a longer fence', '``a ` b``', '``a ` b``'],
    ['inline code starting with a backtick is padded', '`` `x ``', '`` `x ``'],
    ['fenced code keeps its language', '```sh\nls -la\n```', '```sh\nls -la\n```'],
    ['an indented code block is fenced', '    four\n    spaces', '```\nfour\nspaces\n```'],
    [
      'a fence is longer than any backtick run inside',
      '````md\n```\ninner\n```\n````',
      '````md\n```\ninner\n```\n````',
    ],
    ['an empty code block', '```\n```', '```\n```'],
    ['a bullet list', '* one\n* two', '-   one\n-   two'],
    ['an ordered list keeps its start', '3. three\n4. four', '3.  three\n4.  four'],
    [
      'a nested list is indented to the content column',
      '- a\n  - b\n    - c',
      '-   a\n    *   b\n        +   c',
    ],
    [
      'a loose item keeps its blocks apart',
      '- a\n\n  more\n\n  ```\n  code\n  ```\n- b',
      '-   a\n\n    more\n\n    ```\n    code\n    ```\n\n-   b',
    ],
    ['empty nested items never make a thematic break', '+ - * ', '-   *   +'],
    ['an item that opens with code', '- ```\n  x\n  ```', '-   ```\n    x\n    ```'],
    ['adjacent lists of one kind stay two', '- a\n\n* b', '-   a\n\n*   b'],
    ['adjacent ordered lists stay two', '1. a\n\n3) b', '1.  a\n\n3)  b'],
    ['task list items', '- [x] done\n- [ ] todo', '-   [x] done\n-   [ ] todo'],
    ['a block quote', '> quoted\n>\n> more', '> quoted\n>\n> more'],
    ['a nested block quote', '> a\n>> b', '> a\n>\n> > b'],
    [
      'a link',
      '[runbook](https://example.com/run_book)',
      '[runbook](https://example.com/run_book)',
    ],
    [
      'an autolink',
      '<https://example.com/_b>',
      '[https://example.com/\\_b](https://example.com/_b)',
    ],
    [
      'a bare URL',
      'see https://example.com/x',
      'see [https://example.com/x](https://example.com/x)',
    ],
    ['a bare www address', 'see www.example.com', 'see [www.example.com](http://www.example.com/)'],
    ['an email address', 'mail ops@example.com', 'mail [ops@example.com](mailto:ops@example.com)'],
    ['a mailto link', '[write](mailto:ops@example.com)', '[write](mailto:ops@example.com)'],
    [
      'an image becomes a link',
      '![graph](https://example.com/g.png)',
      '[graph](https://example.com/g.png)',
    ],
    [
      'an image without alt text',
      '![](https://example.com/g.png)',
      '[image](https://example.com/g.png)',
    ],
    [
      'an image inside a link is its alt text',
      '[![build](https://ci.example/b.svg)](https://ci.example)',
      '[build](https://ci.example/)',
    ],
    [
      'references resolve to inline links, the first definition winning',
      '[doc][d] and [d]\n\n[d]: https://one.example\n[d]: https://two.example',
      '[doc](https://one.example/) and [d](https://one.example/)',
    ],
    [
      'a link without text shows its URL',
      '[](https://example.com)',
      '[https://example.com/](https://example.com/)',
    ],
    [
      'parentheses in a URL are encoded',
      '[x](<https://example.com/a(b)>)',
      '[x](https://example.com/a%28b%29)',
    ],
    ['a table', '| a | b |\n|:-|-:|\n| 1 | 2 |', '| a | b |\n| :-- | --: |\n| 1 | 2 |'],
    [
      'a table cell keeps a pipe in code escaped and drops excess cells',
      '| a |\n|---|\n| `x\\|y` | extra |',
      '| a |\n| --- |\n| `x\\|y` |',
    ],
    ['a footnote', 'See[^n].\n\n[^n]: Note.', 'See\\[^n\\].\n\n\\[^n\\]: Note.'],
    [
      'character references are decoded, then escaped',
      '&lt;b&gt; &amp; &copy;',
      '&lt;b&gt; &amp; ©',
    ],
    ['emoji and right-to-left text pass', '🎉 שלום', '🎉 שלום'],
  ]
  it.each(cases)('%s', (_name, source, expected) => {
    expect(safeMarkdown(source)).toBe(expected)
  })

  it('is empty for an empty or whitespace value', () => {
    expect(safeMarkdown('')).toBe('')
    expect(safeMarkdown(' \n\n\t')).toBe('')
  })
})

describe('safeMarkdown: attacks', () => {
  const cases: [string, string, string][] = [
    ['an ATX heading becomes bold', '### Injected', '**Injected**'],
    ['a setext heading becomes bold', 'Injected\n===', '**Injected**'],
    ['a heading in a quote becomes bold', '> # Injected', '> **Injected**'],
    ['a thematic break is dropped', 'a\n\n---\n\nb', 'a\n\nb'],
    [
      'a front matter fence at the start is no front matter',
      '---\nlayout: evil\n---\nbody',
      '**layout: evil**\n\nbody',
    ],
    [
      'block HTML is visible text',
      '<script>alert(1)</script>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    ],
    [
      'multi-line block HTML is visible text, line by line',
      '<div\n  onclick="x()">\n</div>',
      '&lt;div\nonclick="x()"&gt;\n&lt;/div&gt;',
    ],
    [
      'inline HTML is visible text',
      'a <img src=x onerror=alert(1)> b',
      'a &lt;img src=x onerror=alert(1)&gt; b',
    ],
    ['SVG closing tags are text', '</svg><script>', '&lt;/svg&gt;&lt;script&gt;'],
    ['an HTML comment is dropped', 'a <!-- hidden --> b', 'a b'],
    ['a faked marker is dropped', '<!-- infra-log:editor-note:end -->', ''],
    [
      'a faked marker inline is dropped',
      'x <!-- infra-log:generated:end id=incidents --> y',
      'x y',
    ],
    [
      'a faked marker in inline code is broken',
      '`<!-- infra-log:editor-note:end -->`',
      `\`<!${ZWSP}-- infra-log:editor-note:end -->\``,
    ],
    [
      'a faked marker line in a code block is broken',
      '```\n<!-- infra-log:generated:end id=incidents -->\n```',
      `\`\`\`\n<!${ZWSP}-- infra-log:generated:end id=incidents -->\n\`\`\``,
    ],
    ['an escaped marker stays text', '\\<!-- x -->', '&lt;!-- x --&gt;'],
    ['`<br>` stays a line break', 'a<br>b<br/>c', 'a  \nb  \nc'],
    ['a javascript: link is its text', '[click](javascript:alert(1))', 'click'],
    ['a javascript: link in any case is its text', '[click](JaVaScRiPt:alert(1))', 'click'],
    ['a data: link is its text', '[x](data:text/html;base64,PHNjcmlwdD4=)', 'x'],
    ['a relative link is its text', '[x](/etc/passwd) [y](#top)', 'x y'],
    [
      'a `!` before an e-mail address cannot make it an image',
      'wow!ana@x.example',
      'wow\\![ana@x.example](mailto:ana@x.example)',
    ],
    [
      'a `!` before a link cannot make it an image',
      '#<!--@ana.x.io and hi![x](https://x.example/) and wow!![y](https://x.example/)',
      '\\#&lt;\\![--@&#8203;ana.x.io](mailto:--@ana.x.io) and hi[x](https://x.example/) and wow\\![y](https://x.example/)',
    ],
    ['a javascript: image is its alt text', '![alt](javascript:alert(1))', 'alt'],
    ['a javascript: reference is its text', '[x][j]\n\n[j]: javascript:alert(1)', 'x'],
    ['mentions are neutralized', 'cc @ana and @org/team', 'cc @&#8203;ana and @&#8203;org/team'],
    [
      'a mention in link text is neutralized',
      '[@ana](https://github.com/ana)',
      '[@&#8203;ana](https://github.com/ana)',
    ],
    ['a mention in code is left alone', '`@ana`', '`@ana`'],
    ['an email is no mention', 'a@b.example', '[a@b.example](mailto:a@b.example)'],
    [
      'Liquid and Vue openers are broken',
      '{{ site.x }} {% include x %}',
      `\\{${ZWSP}\\{ site.x \\}\\} \\{${ZWSP}% include x %\\}`,
    ],
    ['template openers in code are broken', '`{{ .Values.x }}`', `\`{${ZWSP}{ .Values.x }}\``],
    [
      'a Hugo shortcode in a code block is broken',
      '```\n{{< x >}}\n```',
      `\`\`\`\n{${ZWSP}{< x >}}\n\`\`\``,
    ],
    ['a -vue language suffix is dropped', '```js-vue\nx\n```', '```js\nx\n```'],
    ['an info string is cut to a language', '```js {.x onclick=y}\nx\n```', '```js\nx\n```'],
    ['pipes and tildes are entities', 'a|b ~c', 'a&#124;b &#126;c'],
    ['a line opening a list is escaped', 'one\n\\- two\n\\+ three', 'one\n\\- two\n\\+ three'],
    [
      'a line opening an ordered list is escaped',
      'The year was\n1986. Fine',
      'The year was\n1986\\. Fine',
    ],
    ['a line opening a setext underline is escaped', 'x\n\\==', 'x\n&#61;='],
    ['a definition-list line is escaped', 'term\n: definition', 'term\n&#58; definition'],
    ['a Docusaurus admonition is text', ':::danger\nx\n:::', '&#58;::danger\nx\n&#58;::'],
    [
      'a VitePress include in code is broken',
      '```\n<!--@include: ./secret.md-->\n```',
      `\`\`\`\n<!${ZWSP}--@include: ./secret.md-->\n\`\`\``,
    ],
    [
      'an MkDocs snippet in code is broken',
      '```\n--8<-- "secrets.txt"\n```',
      `\`\`\`\n--8${ZWSP}<-- "secrets.txt"\n\`\`\``,
    ],
    ['an MkDocs snippet in text is text', '--8<-- "secrets.txt"', '\\--8&lt;-- "secrets.txt"'],
    [
      'a digit and a dot around a dropped comment still cannot open a list',
      '1<!-- -->. x',
      '1\\. x',
    ],
    ['NUL and C0 controls are removed', 'a\u0000b\u0007c\u001bd', 'abcd'],
    ['CRLF and CR are line feeds', 'a\r\nb\rc', 'a\nb\nc'],
    ['a backslash is kept as a backslash', 'C:\\path\\to', 'C:\\\\path\\\\to'],
  ]
  it.each(cases)('%s', (_name, source, expected) => {
    expect(safeMarkdown(source)).toBe(expected)
  })

  it('flattens containers nested deeper than any issue needs', () => {
    const deep = `${'> '.repeat(40)}deep`
    const out = safeMarkdown(deep)
    expect(out).toBe(`${'> '.repeat(12)}${'&gt; '.repeat(28)}deep`)
    const nested = parse(out)
    expect(nodesOf(nested).filter((node) => node.type === 'blockquote')).toHaveLength(12)
  })

  it('cuts a long value and says so', () => {
    const source = 'word '.repeat(10)
    expect(safeMarkdown(source, { maxLength: 12 })).toBe(`word word wo\n\n${TRUNCATION_NOTE}`)
    expect(inlineMarkdown(source, { maxLength: 12 })).toBe(`word word wo ${TRUNCATION_NOTE}`)
  })

  it('never cuts inside a surrogate pair', () => {
    expect(prepareMarkdownSource('ab🎉c', 3)).toEqual({ source: 'ab', truncated: true })
    expect(prepareMarkdownSource('ab🎉c', 4)).toEqual({ source: 'ab🎉', truncated: true })
  })

  it('stays fast on a megabyte of hostile markdown', () => {
    const bodies = [
      '>'.repeat(1_000_000),
      '1. '.repeat(350_000),
      '*a '.repeat(350_000),
      '['.repeat(1_000_000),
      `${'<div>'.repeat(100_000)}${'{{x}}'.repeat(100_000)}`,
    ]
    for (const body of bodies) {
      const started = performance.now()
      const out = safeMarkdown(body)
      expect(performance.now() - started).toBeLessThan(10_000)
      expect(out.endsWith(TRUNCATION_NOTE)).toBe(true)
    }
  })
})

describe('inlineMarkdown', () => {
  const cases: [string, string, string][] = [
    ['paragraphs join with a space', 'One.\n\nTwo\nthree.', 'One. Two three.'],
    ['a heading is bold text', '### Cause\nA bad deploy.', '**Cause** A bad deploy.'],
    ['a code block is inline code', '```\nerr: x\nerr: y\n```', '`err: x err: y`'],
    ['list items join with a semicolon', '- a\n- b\n  - c', 'a; b c'],
    ['ordered items keep their numbers', '2. b\n3. c', '2\\. b; 3. c'],
    ['task items keep their boxes', '- [x] a\n- [ ] b', '\\[x\\] a; \\[ \\] b'],
    ['a quote is its text', '> quoted', 'quoted'],
    ['a table is rows of cells', '| a | b |\n|---|---|\n| 1 | 2 |', 'a, b; 1, 2'],
    ['breaks are spaces', 'a  \nb<br>c', 'a b c'],
    ['HTML is text', '<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['links are kept', 'see [doc](https://example.com)', 'see [doc](https://example.com/)'],
    ['mentions are neutralized', '@ana', '@&#8203;ana'],
    ['a leading block marker is escaped', '# x', '**x**'],
    ['a leading dash of text is escaped', '\\- x', '\\- x'],
  ]
  it.each(cases)('%s', (_name, source, expected) => {
    expect(inlineMarkdown(source)).toBe(expected)
  })
})

describe('safeUrl', () => {
  it('keeps http, https and mailto, normalized', () => {
    expect(safeUrl(' https://Example.com/a b ')).toBe('https://example.com/a%20b')
    expect(safeUrl('http://example.com/{x}?q={y}|z')).toBe(
      'http://example.com/%7Bx%7D?q=%7By%7D%7Cz',
    )
    expect(safeUrl('mailto:ops@example.com?subject=a b')).toBe(
      'mailto:ops@example.com?subject=a%20b',
    )
  })

  it('refuses every other scheme and relative URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '/relative',
      '//evil.example',
      '#top',
      '',
    ]) {
      expect(safeUrl(url)).toBeNull()
    }
  })
})

describe('inlineText', () => {
  it('escapes, neutralizes, breaks template openers and drops controls', () => {
    expect(inlineText('<b>[x]</b> @ana {{y}}\u0007\nz')).toBe(
      `&lt;b&gt;\\[x\\]&lt;/b&gt; @&#8203;ana \\{${ZWSP}\\{y\\}\\} z`,
    )
  })
})

describe('safeMarkdown: properties', () => {
  // Pieces that matter to markdown, `¦`-separated, so that random strings hit the interesting cases.
  const piece = fc.constantFrom(
    ...'#¦# ¦### ¦-¦- ¦* ¦+ ¦1. ¦2) ¦>¦> ¦=¦==¦---¦***¦___¦`¦```¦~~~¦~¦*¦_¦[¦]¦(¦)¦![¦](¦]:¦<¦>¦</svg>¦<script>¦<!--¦-->¦<!-- infra-log:editor-note:end -->¦&¦&lt;¦&#60;¦\\¦|¦:¦{{¦{%¦}}¦@ana¦@org/team¦javascript:¦https://x.example/¦www.x.io¦a¦word¦ ¦  ¦    ¦\t¦\n¦\n\n¦\r\n¦\u0000¦1¦.¦🎉¦:::¦--8<--¦<!--@include:'.split(
      '¦',
    ),
  )
  const markdown = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))

  const forbidden = new Set([
    'heading',
    'html',
    'thematicBreak',
    'definition',
    'image',
    'imageReference',
    'linkReference',
    'footnoteDefinition',
    'yaml',
  ])

  function checkSafe(out: string, root: Root): void {
    for (const node of nodesOf(root)) {
      expect(forbidden.has(node.type), `${node.type} in ${JSON.stringify(out)}`).toBe(false)
      if (node.type === 'link') expect(node.url).toMatch(/^(https?|mailto):/)
    }
    expect(outsideCode(out)).not.toContain('<')
    expect(out).not.toMatch(/\{[{%#]/)
    expect(out).not.toMatch(/^[ \t]*<!--[ \t]*infra-log:/m)
    expect(out).not.toMatch(/-8<|<!--[ \t]*@include/)
  }

  it('never lets a heading, HTML, a break, a definition or an unsafe link through', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        const out = safeMarkdown(source)
        checkSafe(out, parse(out))
      }),
      { numRuns: 200 },
    )
  })

  it('stays safe indented under a list item', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        const out = safeMarkdown(source)
        const page = `- **Lead**\n\n${out.replace(/^(?=.)/gm, '    ')}\n`
        const root = parse(page)
        checkSafe(page, root)
        expect(root.children.map((node) => node.type)).toEqual(['list'])
      }),
      { numRuns: 200 },
    )
  })

  it('gives one safe line in one-line mode', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        const out = inlineMarkdown(source)
        expect(out).not.toContain('\n')
        const root = parse(`- lead: ${out}`)
        checkSafe(out, root)
        expect(root.children.map((node) => node.type)).toEqual(['list'])
        const item = root.children[0]
        expect(item?.type === 'list' ? item.children[0]?.children.map((n) => n.type) : []).toEqual([
          'paragraph',
        ])
      }),
      { numRuns: 200 },
    )
  })
})
