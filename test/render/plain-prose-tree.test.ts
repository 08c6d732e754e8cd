import fc from 'fast-check'
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { linkListTree, plainProseTree } from '../../src/render/safe-markdown.js'

// The shortcut is only right if the parser, given the same text, builds the same tree.
function parsed(source: string): unknown {
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  return JSON.parse(
    JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value)),
  )
}

/**
 * Checks a shortcut against the parser on 5,000 generated texts: where it builds a tree, the
 * parser builds the same. The check is only worth something if the shortcut was taken often.
 */
function expectParserTreeWhenBuilt(
  shortcut: (source: string) => Root | null,
  sources: fc.Arbitrary<string>,
): void {
  let built = 0
  fc.assert(
    fc.property(sources, (source) => {
      const tree = shortcut(source)
      if (tree === null) return
      built += 1
      expect(tree).toEqual(parsed(source))
    }),
    { numRuns: 5000 },
  )
  expect(built).toBeGreaterThan(500)
}

// Mostly what the shortcut accepts, with the characters and shapes at its edges mixed in: each
// one either keeps the text plain (the tree must match) or makes the shortcut step aside.
const piece = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(...'abcXYZ019 ,.;:\'"?%$/=+#!()-éßЖ中\u00A0—“”…'.split('')),
  },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n', '  \n', ' \n ') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'www.',
      'WWW.x',
      'http://a.b',
      'a@b.co',
      ' @ana',
      '@b.co',
      '.@x.y',
      '+@x.y',
      '1. ',
      '- ',
      '+ ',
      '===',
      '---',
      '    ',
      '\t',
      '*',
      '_',
      '`',
      '[x]',
      '<b>',
      '&amp;',
      '\\',
      '~~',
      '|',
      '#',
      '>',
      '!',
      'http://a.b',
      'HTTPS://a.b',
      'mailto:x',
      'ftp://a.b',
      '\u2028',
      '\u3000',
      '(x)[y]',
      '![a](b)',
    ),
  },
)
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))

describe('plainProseTree', () => {
  it('builds the tree the parser builds, whenever it builds one', () => {
    expectParserTreeWhenBuilt(plainProseTree, text)
  })

  it.each([
    'The cache tier fell over after a deploy; rolled back in 20 minutes.',
    'Line one\nline two with 50% less load\n\nSecond paragraph, v1.2/beta = done.',
    '\n\nLeading and trailing blank lines\n\n',
    '',
    'At 21:50 (EDT) the 5xx ratio hit 85%; see #412! Café — done…',
    'Keiko Tanaka, @mfernandez',
  ])('takes plain prose: %j', (source) => {
    expect(plainProseTree(source)).toEqual(parsed(source))
  })

  it.each([
    'See www.example.com for more',
    'Mail ana@example.com',
    'Mail ana.b@example.com',
    'Fixed in https://example.com/x',
    'Wrote *notes*',
    '1. first',
    'Title\n===',
    'a line with a hard break  \nnext',
    ' leading space',
    '“Quoted” first',
  ])('leaves anything else to the parser: %j', (source) => {
    expect(plainProseTree(source)).toBeNull()
  })
})

// Addresses mostly of the shape the shortcut takes, with the shapes at its edges mixed in.
function mostly<T>(usual: T[], edges: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 15, arbitrary: fc.constantFrom(...usual) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  )
}
const scheme = mostly(['https://', 'http://'], ['HTTPS://', 'ftp://', 'https:/', '', 'www.'])
const label = mostly(['a', 'x1', 'github', 'wiki-a', 'A', '1'], ['a-', '-a', 'a_b', '中', ''])
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'))
const pathPiece = mostly(
  ['/', '/x', '/pull/1371', '-', '/a.b', '.c'],
  '..¦_¦?q=1¦#f¦%20¦)¦(x)¦&amp;¦~¦*¦:¦,¦!¦\\¦`¦<¦>¦ ¦@a.b¦.'.split('¦'),
)
const url = fc
  .tuple(scheme, domain, fc.array(pathPiece, { maxLength: 5 }))
  .map(([start, host, path]) => `${start}${host}${path.join('')}`)
const line = fc
  .tuple(mostly(['- '], ['* ', '-  ', ' - ', '1. ', '', '- [ ] ', '-']), url)
  .map(([bullet, address]) => `${bullet}${address}`)
const lines = fc
  .tuple(
    fc.array(line, { minLength: 1, maxLength: 4 }),
    mostly(['\n'], ['\n\n', '\r\n', '  \n', '\n  ']),
    mostly(['', '\n'], ['\n\n', ' ']),
  )
  .map(([items, separator, around]) => `${around}${items.join(separator)}${around}`)

describe('linkListTree', () => {
  it('builds the tree the parser builds, whenever it builds one', () => {
    expectParserTreeWhenBuilt(linkListTree, lines)
  })

  it.each([
    'https://github.com/northwind-cloud/platform/pull/1371',
    '- https://github.com/northwind-cloud/platform/pull/1398\n- https://wiki.northwind.example/runbooks/postgres-major-upgrade',
    '\n- http://a.example/\n',
  ])('takes a bare address or a list of them: %j', (source) => {
    const tree = linkListTree(source)
    expect(tree).not.toBeNull()
    expect(tree).toEqual(parsed(source))
  })

  it.each([
    'https://example.com/x.',
    'https://example.com/a_b',
    '- https://example.com\n\n- https://example.org',
    '* https://example.com',
    '- https://example.com and more',
    'https://localhost/x',
    'See https://example.com',
  ])('steps aside for anything else: %j', (source) => {
    expect(linkListTree(source)).toBeNull()
  })
})
