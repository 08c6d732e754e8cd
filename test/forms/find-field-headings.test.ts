import fc from 'fast-check'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { describe, expect, it } from 'vitest'
import { labelMatchKey } from '../../src/forms/parse-form-template.js'
import { findFieldHeadings } from '../../src/forms/parse-issue-form.js'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'

const template = shippedTemplate('incident')
const labels = new Set(template.fields.map((field) => labelMatchKey(field.label)))

/** The reference: lines of the whole body's tree that hold a top-level `### <label>`. */
function headingLinesByTree(body: string): number[] {
  const tree: Root = fromMarkdown(body)
  return tree.children.flatMap((node) =>
    node.type === 'heading' &&
    node.depth === 3 &&
    node.position !== undefined &&
    labels.has(labelMatchKey(textOf(node)))
      ? [node.position.start.line - 1]
      : [],
  )
}

function textOf(node: Nodes): string {
  if ('value' in node) return node.value
  return 'children' in node ? node.children.map((child) => textOf(child)).join('') : ''
}

function headingLinesFound(body: string): number[] {
  const { headings, guessed } = findFieldHeadings(body, template)
  expect(guessed).toBe(false)
  return headings.map((heading) => body.slice(0, heading.start).split('\n').length - 1)
}

// Lines chosen to open, continue and close every block that can hide a heading.
const VOCABULARY = [
  '### Started',
  '### Impact',
  '### What happened',
  '###   what   HAPPENED  ',
  '### Impact ###',
  '  ### Impact',
  '   ### Regions',
  '    ### Impact',
  '\t### Impact',
  '#### Impact',
  '###Impact',
  '### Timeline',
  '## Notes',
  '> ### Impact',
  '- ### Impact',
  '```',
  '```sh',
  '````',
  '~~~',
  '  ```',
  '    ```',
  '``` `x`',
  '- ```',
  '1. ```',
  '> ```',
  '- - ```',
  '<details>',
  '</details>',
  '<!--',
  '-->',
  'text --> more',
  '<div>',
  '<pre>',
  '</pre>',
  'x </PRE> y',
  '<foo>',
  '<foo a="1">',
  '<?php',
  'done ?>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE html>',
  '<script>',
  '</script>',
  '<b>bold</b> text',
  '- a',
  '* a',
  '+ a',
  '1. a',
  '2) a',
  '  - a',
  '   - a',
  '-',
  '- - a',
  '> a',
  '>',
  '> > a',
  '',
  '  ',
  '\t',
  'plain text',
  'plain text',
  'more text',
  '2024-04-24 12:30 UTC',
  '   indented text',
  '      deeper text',
  '        deepest text',
  'a > b',
  '[ref]: /url',
  '[ref]:',
  '/url "title',
  '"title"',
  '[INFO] started',
  '\\```',
  '| a | b |',
  '\tcode',
  '---',
  '- - -',
  '***',
  '___',
  '===',
  'x',
  ' text',
  '  text',
  '     text',
  '\ttext',
  '  text --> more',
  '    a > b',
  ']]> closing',
  '1.  a',
  '10) a',
  '-    a',
  '- <!--',
  '- x -->',
  '  -->',
  '- <div>',
  '  <pre>',
]

// Lines come in runs of one to four, as runs of the same line are where the stand-in saves.
const body = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.integer({ min: 1, max: 4 })), {
    maxLength: 30,
  })
  .map((runs) => runs.flatMap(([line, count]) => Array<string>(count).fill(line)).join('\n'))

describe('findFieldHeadings', () => {
  it('finds exactly the headings the whole tree has, for bodies of tricky lines', () => {
    fc.assert(
      fc.property(body, (markdown) => {
        expect(headingLinesFound(markdown)).toEqual(headingLinesByTree(markdown))
      }),
      { numRuns: 2000 },
    )
  })

  // Bodies that need the details right; the first shows why two lines that end an HTML block
  // are not one line: after the second, `<foo>` continues a paragraph instead of opening a block.
  it.each([
    ['<!--\ntext --> more\ntext --> more\n<foo>\n### Started', [4]],
    ['<!--\ntext --> more\n<foo>\n### Started', []],
    ['<!--\nplain\ntext --> more\n### Started', [3]],
    ['<!--\n- x -->\n- x -->\n<foo>\n### Started', [4]],
    ['<!--\n- x -->\n<foo>\n### Started', []],
    ['- a\n  ```\n  code\n    code\n plain\n### Started', [5]],
    // A definition is no paragraph to underline: `-` is text, so `<foo>` cannot open a block.
    ['[ref]: /url\n-\n<foo>\n### Started', [3]],
    ['plain\n-\n<foo>\n### Started', []],
    ['[ref]:\n/url "title\n-\n<foo>\n### Started', []],
    ['<div>\n### Started\n\n### Impact', [3]],
    ['```\n### Started\n```\n### Impact', [3]],
    ['````\n```\n### Started\n````\n### Impact', [4]],
    ['- a\n  ```\n### Started', [2]],
    ['- a\n  ```\n  ### Started', []],
    ['> ```\n### Started', [1]],
    ['- - - - - - - - - - ```\nplain\n  ### Started', [2]],
    ['paragraph\n- - -\n  ### Started', [2]],
    ['<pre>\n\n### Started\nx </PRE>\n### Impact', [4]],
  ])('agrees with the tree on %j', (markdown, lines) => {
    expect(headingLinesByTree(markdown)).toEqual(lines)
    expect(headingLinesFound(markdown)).toEqual(lines)
  })

  it('reads a GitHub-rendered body without building a tree and agrees with the tree', () => {
    const markdown = '### Started\n\nnow\n\n### Impact\n\nHigh\n\n### What happened\n\nit broke'
    expect(headingLinesFound(markdown)).toEqual([0, 4, 8])
    expect(headingLinesByTree(markdown)).toEqual([0, 4, 8])
  })

  it('guesses, and says so, when the body is too complex to check', () => {
    const markdown = '```\n```\n' + '- a\n  - b\n'.repeat(300) + '### Started\n\nnow'
    const { headings, guessed } = findFieldHeadings(markdown, template)
    expect(guessed).toBe(true)
    expect(headings.map((heading) => heading.field)).toEqual([0])
  })
})
