import { fromMarkdown } from 'mdast-util-from-markdown'
import type {
  CheckboxesValue,
  FieldValue,
  FormField,
  FormProblem,
  FormTemplate,
  ParsedForm,
} from './form-template.js'
import { labelMatchKey } from './parse-form-template.js'

/**
 * Reads an issue body as GitHub renders it from `template` (`### Label`, a blank line, the
 * value), including bodies people edited afterwards. Only top-level `### ` headings whose text
 * is a field label start a field; a `### ` inside a code fence, an HTML block or a list, or an
 * unknown heading, stays part of the value above it. Never throws: what is wrong with the body
 * comes back as `problems`. Every field id of the template is a key of `fields`.
 */
export function parseIssueForm(
  body: string | null | undefined,
  template: FormTemplate,
): ParsedForm {
  try {
    return readBody(typeof body === 'string' ? body.replace(/\r\n?/g, '\n') : '', template)
  } catch (error) {
    // Unreachable by design; a body is untrusted input and one bad issue must not end the run.
    return {
      fields: emptyFields(template),
      problems: [{ kind: 'body', message: `The body could not be read: ${String(error)}.` }],
    }
  }
}

/** Where one field's section begins in a body: its `### ` heading line. */
export type FieldHeading = {
  /** Index of the field in `template.fields`. */
  field: number
  /** Offset of the heading line's first character. */
  start: number
  /** Offset just past the heading line and its line break: where the value begins. */
  valueStart: number
}

function readBody(text: string, template: FormTemplate): ParsedForm {
  const fields = emptyFields(template)
  const { headings, hidden, guessed } = findFieldHeadings(text, template)
  if (headings.length === 0) return { fields, problems: [noFieldFound(text, template, hidden)] }

  const seen = new Map<number, number>()
  headings.forEach((heading, index) => {
    seen.set(heading.field, (seen.get(heading.field) ?? 0) + 1)
    if (seen.get(heading.field) !== 1) return
    const field = template.fields[heading.field]
    if (field === undefined) return
    const end = headings[index + 1]?.start ?? text.length
    fields[field.id] = readValue(text.slice(heading.valueStart, end), field)
  })

  const problems: FormProblem[] = []
  template.fields.forEach((field, index) => {
    const count = seen.get(index) ?? 0
    if (count === 0 && field.required) problems.push(missingProblem(field, hidden.includes(index)))
    if (count > 1) problems.push(duplicateProblem(field, count))
    if (count > 0 && field.required && isEmpty(fields[field.id])) {
      problems.push(emptyProblem(field))
    }
  })
  const order = orderProblem(headings, template)
  if (order !== undefined) problems.push(order)
  if (guessed) problems.push(guessedProblem())
  return { fields, problems }
}

function emptyFields(template: FormTemplate): Record<string, FieldValue> {
  return Object.fromEntries(template.fields.map((field) => [field.id, null]))
}

// ---------------------------------------------------------------------------------------------
// Finding the field headings.
//
// Which lines are headings is CommonMark's call, made by mdast-util-from-markdown. Its tree
// costs tens of microseconds per line and grows faster than the input on long or nested lists
// (a 64 kB body of `- - - - x` lines takes minutes), so it is built only where it can change
// the answer, and from a stand-in that has the body's block structure in few short lines:
//
// 1. A `### ` line with no indentation is a top-level heading unless a top-level fenced code
//    block or HTML block is open: containers (lists, block quotes) end at an unindented line
//    that does not continue a paragraph, and a heading never does. Such blocks only start at a
//    line whose first non-blank characters are ```` ``` ````, `~~~` or `<`. So candidates
//    before the first such line are headings without a tree, and so is a body without one.
// 2. From the line after the last of those headings, the tree is built from a stand-in. A line
//    that starts (after any list or quote markers) with a character that starts no block (nor
//    a link reference definition, which can turn a `---` underline into text) can only be
//    paragraph text or the inside of a block, and can end a block only by holding an
//    HTML end condition (`-->`, `?>`, `]]>`, `</pre>`…, all of them containing `>`). It becomes
//    its markers, its indentation, `x` and the end conditions it holds; a blank line becomes
//    empty; other lines are kept. Of these, lines that cannot change what the parser does
//    next are left out (see lineFilter). test/forms/find-field-headings.test.ts checks the
//    answer against the tree of the whole body.
// 3. A stand-in that is still too big (STAND_IN_LIMITS) is not parsed: every candidate line is
//    taken as a heading, and the caller says so in a problem.
// ---------------------------------------------------------------------------------------------

/** The field headings of a body, and what else was seen while finding them. */
export type FieldHeadings = {
  headings: FieldHeading[]
  /** Fields (indexes) with a `### Label` line that is not a heading: inside a code block, a list… */
  hidden: number[]
  /** Too complex to check: every `### Label` line was taken as a heading. */
  guessed: boolean
}

/**
 * The `### ` headings of `text` that start a field of `template`, in body order, duplicates
 * included: top-level ATX headings of depth 3 whose text is a field label, ignoring case and
 * runs of white space. `text` must use `\n` line breaks.
 */
export function findFieldHeadings(text: string, template: FormTemplate): FieldHeadings {
  const lines = lineStarts(text)
  const candidates = findCandidates(text, lines, template)
  const headings: FieldHeading[] = []
  let next = 0
  let clearFrom = 0
  for (; next < candidates.length; next++) {
    const candidate = candidates[next]
    if (candidate === undefined || candidate.indented) break
    if (opensBlock(text, lines, clearFrom, candidate.line)) break
    headings.push(candidate.heading)
    clearFrom = candidate.line + 1
  }
  const rest = candidates.slice(next)
  const last = rest.at(-1)
  if (last === undefined) return { headings, hidden: [], guessed: false }

  const tree = standIn(text, lines, clearFrom, last.line)
  const headingLines = tree === undefined ? undefined : topLevelHeadingLines(tree)
  if (headingLines === undefined) {
    return {
      headings: [...headings, ...rest.map((each) => each.heading)],
      hidden: [],
      guessed: true,
    }
  }
  const hidden: number[] = []
  for (const candidate of rest) {
    if (headingLines.has(candidate.line)) headings.push(candidate.heading)
    else hidden.push(candidate.heading.field)
  }
  return { headings, hidden, guessed: false }
}

type Candidate = { heading: FieldHeading; line: number; indented: boolean }

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1)
  }
  return starts
}

function lineEnd(text: string, lines: number[], line: number): number {
  const next = lines[line + 1]
  return next === undefined ? text.length : next - 1
}

/** Lines that read as a `### ` heading naming a field, wherever they are. */
// Each field's index by its label's match key, worked out once per list of fields (a run
// parses thousands of bodies against the same two templates).
const fieldIndexes = new WeakMap<FormTemplate['fields'], Map<string, number>>()

function fieldIndexByLabel(template: FormTemplate): Map<string, number> {
  let byLabel = fieldIndexes.get(template.fields)
  if (byLabel === undefined) {
    byLabel = new Map(template.fields.map((field, index) => [labelMatchKey(field.label), index]))
    fieldIndexes.set(template.fields, byLabel)
  }
  return byLabel
}

function findCandidates(text: string, lines: number[], template: FormTemplate): Candidate[] {
  const fieldByLabel = fieldIndexByLabel(template)
  const candidates: Candidate[] = []
  for (let line = 0; line < lines.length; line++) {
    const start = lines[line] ?? 0
    // Most lines are plain text: skip them before copying them out of the body.
    if (text[start] !== '#' && text[start] !== ' ') continue
    const end = lineEnd(text, lines, line)
    const field = matchHeading(text.slice(start, end), fieldByLabel)
    if (field === undefined) continue
    const heading = { field, start, valueStart: Math.min(end + 1, text.length) }
    candidates.push({ heading, line, indented: text[start] === ' ' })
  }
  return candidates
}

const ATX_3_OPENING = /^ {0,3}###(?=[ \t]|$)/

/** The field a line names, if it is an ATX heading of depth 3 whose text is a field label. */
function matchHeading(line: string, fieldByLabel: Map<string, number>): number | undefined {
  const opening = ATX_3_OPENING.exec(line)
  if (opening === null) return undefined
  const content = line.slice(opening[0].length).trim()
  // `### Label ###` closes with a run of `#` after white space; a label may end in `#` itself.
  return (
    fieldByLabel.get(labelMatchKey(content)) ??
    fieldByLabel.get(labelMatchKey(withoutClosingSequence(content)))
  )
}

function withoutClosingSequence(content: string): string {
  let end = content.length
  while (end > 0 && content[end - 1] === '#') end--
  if (end === content.length) return content
  if (end === 0) return ''
  const before = content[end - 1]
  return before === ' ' || before === '\t' ? content.slice(0, end).trimEnd() : content
}

/** Whether a line in [from, to) could open a fenced code block or an HTML block. */
function opensBlock(text: string, lines: number[], from: number, to: number): boolean {
  for (let line = from; line < to; line++) {
    let index = lines[line] ?? 0
    while (text[index] === ' ' || text[index] === '\t') index++
    if (text.startsWith('```', index) || text.startsWith('~~~', index) || text[index] === '<') {
      return true
    }
  }
  return false
}

/** Past these, micromark's time grows out of proportion: see the note above. */
const STAND_IN_LIMITS = { markers: 500, lines: 2500, characters: 100_000 }

/** A body's block structure in few short lines; `origins[i]` is the body line of line `i`. */
type StandIn = { markdown: string; origins: number[] }

const CONTAINER_MARKER = /[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y
const THEMATIC_BREAK = /^([ \t]*)([-*_])(?:[ \t]*\2){2,}[ \t]*$/
const SETEXT_EQUALS = /^([ \t]*)=+[ \t]*$/
const BLANK = /^[ \t]*$/
const STARTS_BLOCK = /^[ \t]*[#`~<>*+\-_=|]/
const OPENS_BRACKET = /^[ \t]*\[/
/** `[label]` not followed by `:` (as in `[INFO] …`) cannot begin a link reference definition. */
const NOT_A_DEFINITION = /^[ \t]*\[[^\]\\]*\](?!:)/
const HTML_END_CONDITIONS = ['-->', '?>', ']]>', '</script>', '</pre>', '</style>', '</textarea>']

function standIn(text: string, lines: number[], from: number, to: number): StandIn | undefined {
  const out: string[] = []
  const origins: number[] = []
  const needed = lineFilter()
  let markers = 0
  let characters = 0
  let definitions = false
  for (let line = from; line <= to; line++) {
    const original = text.slice(lines[line] ?? 0, lineEnd(text, lines, line))
    let reduced = reduceLine(original)
    // A paragraph that opens with `[` may be link reference definitions, which decide whether a
    // following `---` underlines a heading; its lines are kept whole until a blank line.
    definitions = reduced.kind !== 'blank' && (definitions || reduced.opensDefinition)
    if (definitions && reduced.kind !== 'kept') {
      reduced = { ...reduced, kind: 'kept', text: original }
    }
    if (!needed(reduced)) continue
    out.push(reduced.text)
    origins.push(line)
    markers += reduced.markers
    characters += reduced.text.length + 1
    if (
      markers > STAND_IN_LIMITS.markers ||
      out.length > STAND_IN_LIMITS.lines ||
      characters > STAND_IN_LIMITS.characters
    ) {
      return undefined
    }
  }
  return { markdown: out.join('\n'), origins }
}

/**
 * Which reduced lines change what the parser does next; the others are left out.
 *
 * A run of the same blank or marked line: from the third on, each leaves the parser as the one
 * before did (the first may end an HTML block, the second then starts a paragraph or an item).
 *
 * A run of plain lines: once a paragraph is open, plain lines only continue it, and before
 * that they are the inside of a block, which they can end in two ways only. By indentation
 * (a list item, or indented code, ends at a line indented less than it needs), so a line is
 * needed if it is indented less than every line of the run since the last change; or by an HTML
 * end condition, so the first line with each set of them is needed, and the line after it,
 * which then starts a paragraph or indented code.
 */
function lineFilter(): (line: ReducedLine) => boolean {
  let previous: string | undefined
  let repeats = 0
  let run: { lowest: number; ends: Set<string>; afterEnds: boolean } | undefined
  return (line) => {
    if (line.kind !== 'plain') {
      run = undefined
      repeats = line.kind !== 'kept' && line.text === previous ? repeats + 1 : 1
      previous = line.kind === 'kept' ? undefined : line.text
      return repeats <= 2
    }
    previous = undefined
    const newEnds = line.ends !== '' && !(run?.ends.has(line.ends) ?? false)
    const needed = run === undefined || run.afterEnds || newEnds || line.indent < run.lowest
    const lowest =
      run === undefined || run.afterEnds ? line.indent : Math.min(run.lowest, line.indent)
    run = { lowest, ends: run?.ends ?? new Set(), afterEnds: newEnds }
    if (line.ends !== '') run.ends.add(line.ends)
    return needed
  }
}

/** One body line as the stand-in has it. */
type ReducedLine = {
  /**
   * `blank`; `plain`: text without markers, reduced to `x`; `marked`: list or quote markers
   * before such text; `kept`: a line that may start a block, as it is (rules shortened).
   */
  kind: 'blank' | 'plain' | 'marked' | 'kept'
  text: string
  markers: number
  /** Columns of indentation before a `plain` line's text. */
  indent: number
  /** The HTML end conditions a `plain` or `marked` line holds, as written in `text`. */
  ends: string
  /** After any markers, the line starts with `[`: maybe a link reference definition. */
  opensDefinition: boolean
}

function reduceLine(line: string): ReducedLine {
  const kept = (text: string, markers = 0, opensDefinition = false): ReducedLine => ({
    kind: 'kept',
    text,
    markers,
    indent: 0,
    ends: '',
    opensDefinition,
  })
  if (BLANK.test(line)) return { ...kept(''), kind: 'blank' }
  // A rule of any length reads as one of three characters; only `---` without spaces can also
  // underline a heading, so spaces are kept if there were any.
  const rule = THEMATIC_BREAK.exec(line)
  if (rule !== null) {
    const [, indentation = '', character = '-'] = rule
    const spaced = /[ \t]/.test(line.trim())
    return kept(
      indentation + (spaced ? `${character} ${character} ${character}` : character.repeat(3)),
    )
  }
  const underline = SETEXT_EQUALS.exec(line)
  if (underline !== null) return kept(`${underline[1] ?? ''}===`)
  let end = 0
  let markers = 0
  for (;;) {
    CONTAINER_MARKER.lastIndex = end
    if (CONTAINER_MARKER.exec(line) === null) break
    end = CONTAINER_MARKER.lastIndex
    markers++
  }
  const rest = line.slice(end)
  if (rest === '' || STARTS_BLOCK.test(rest)) return kept(line, markers)
  if (OPENS_BRACKET.test(rest) && !NOT_A_DEFINITION.test(rest)) return kept(line, markers, true)
  const indentation = /^[ \t]*/.exec(rest)?.[0] ?? ''
  const ends = rest.includes('>') ? htmlEndConditions(rest) : ''
  return {
    kind: markers === 0 ? 'plain' : 'marked',
    text: `${line.slice(0, end)}${indentation}x${ends}`,
    markers,
    indent: columns(indentation),
    ends,
    opensDefinition: false,
  }
}

/** Width of leading white space, with tab stops every four columns as CommonMark has them. */
function columns(indentation: string): number {
  let width = 0
  for (const character of indentation)
    width = character === '\t' ? width + 4 - (width % 4) : width + 1
  return width
}

function htmlEndConditions(text: string): string {
  const lower = text.toLowerCase()
  const held = HTML_END_CONDITIONS.filter((condition) => lower.includes(condition))
  return ` ${[...held, '>'].join(' ')}`
}

// Inline syntax cannot change which lines are headings; skipping it saves work.
const BLOCK_STRUCTURE_ONLY = {
  disable: {
    null: [
      'attention',
      'autolink',
      'characterEscape',
      'characterReference',
      'codeText',
      'hardBreakEscape',
      'htmlText',
      'labelEnd',
      'labelStartImage',
      'labelStartLink',
    ],
  },
}

/** Body line numbers (0-based) of the stand-in's top-level headings of depth 3. */
function topLevelHeadingLines(standIn: StandIn): Set<number> | undefined {
  try {
    const tree = fromMarkdown(standIn.markdown, { extensions: [BLOCK_STRUCTURE_ONLY] })
    const lines = new Set<number>()
    for (const node of tree.children) {
      // Setext headings have depth 1 or 2, so depth 3 is always an ATX `### ` heading.
      if (node.type !== 'heading' || node.depth !== 3 || node.position === undefined) continue
      const origin = standIn.origins[node.position.start.line - 1]
      if (origin !== undefined) lines.add(origin)
    }
    return lines
  } catch {
    // Not expected; the caller then takes every candidate and says so.
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Reading values.
// ---------------------------------------------------------------------------------------------

function readValue(section: string, field: FormField): FieldValue {
  const value = trimBlankLines(section)
  if (isNoResponse(value)) return null
  switch (field.type) {
    case 'input':
      return value.trim()
    case 'textarea':
      return field.render === undefined ? value : withoutRenderFence(value, field.render)
    case 'dropdown':
      return readChoices(value.trim(), field)
    case 'checkboxes':
      return readCheckboxes(value)
  }
}

/** Drops blank lines before and white space after a value; indentation of its first line stays. */
function trimBlankLines(value: string): string {
  return value.replace(/^(?:[ \t]*\n)+/, '').trimEnd()
}

// GitHub writes `_No response_` for an empty input or textarea and `None` for an empty dropdown.
function isNoResponse(value: string): boolean {
  if (value.length > 64) return false
  const lower = value.trim().toLowerCase()
  return lower === '' || lower === '_no response_' || lower === 'none'
}

/** A `render:` textarea arrives as ```` ```lang ```` … ```` ``` ````; keep what is inside. */
function withoutRenderFence(value: string, render: string): string | null {
  const firstBreak = value.indexOf('\n')
  if (firstBreak === -1 || value.slice(0, firstBreak).trimEnd() !== '```' + render) return value
  const lastBreak = value.lastIndexOf('\n')
  if (value.slice(lastBreak + 1).trim() !== '```') return value
  const inside =
    lastBreak === firstBreak ? '' : trimBlankLines(value.slice(firstBreak + 1, lastBreak))
  return inside === '' ? null : inside
}

/**
 * A dropdown's choices. GitHub joins a multi-select's choices with `, `, and an option may hold
 * `, ` itself, so known options are matched first, longest first; the rest is split on `, `.
 * Values are kept as written, known or not: the model checks them.
 */
function readChoices(value: string, field: FormField): string[] | null {
  if (!field.multiple) return [value]
  const options = [...field.options].sort((a, b) => b.length - a.length)
  const choices: string[] = []
  let index = 0
  while (index <= value.length) {
    const known = options.find(
      (option) =>
        value.startsWith(option, index) &&
        (index + option.length === value.length || value.startsWith(', ', index + option.length)),
    )
    const next = value.indexOf(', ', index)
    const end = known !== undefined ? index + known.length : next === -1 ? value.length : next
    const choice = value.slice(index, end).trim()
    if (choice !== '') choices.push(choice)
    index = end + 2
  }
  return choices.length === 0 ? null : choices
}

const CHECKBOX_LINE = /^[ \t]*[-*+][ \t]+\[([ xX])\](?:[ \t]+(.*))?$/

/** `- [X] option` lines are selected, `- [ ] option` lines are not; other lines are ignored. */
function readCheckboxes(value: string): CheckboxesValue {
  const boxes: CheckboxesValue = { selected: [], unselected: [] }
  for (const line of value.split('\n')) {
    const match = CHECKBOX_LINE.exec(line)
    if (match === null) continue
    const label = (match[2] ?? '').trim()
    if (match[1] === ' ') boxes.unselected.push(label)
    else boxes.selected.push(label)
  }
  return boxes
}

function isEmpty(value: FieldValue | undefined): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  return value.selected.length === 0
}

// ---------------------------------------------------------------------------------------------
// Problems: plain sentences saying what is wrong and what would be accepted. A problem about a
// field is shown after its label (`Started: required, but …`), so it does not repeat the label.
// ---------------------------------------------------------------------------------------------

function noFieldFound(text: string, template: FormTemplate, hidden: number[]): FormProblem {
  const examples = template.fields
    .slice(0, 2)
    .map((field) => `\`### ${field.label}\``)
    .join(' and ')
  const found =
    text.trim() === ''
      ? 'the body is empty'
      : hidden.length > 0
        ? `its headings are inside ${HIDING_BLOCKS}, where they do not start a section`
        : 'no `### ` heading in the body is one of its labels'
  return {
    kind: 'body',
    message: `No field of the ${template.name} form was found: ${found}; expected headings like ${examples}, each followed by its value.`,
  }
}

function guessedProblem(): FormProblem {
  return {
    kind: 'body',
    message: `The body has too many lines, list items or quotes to check which \`### \` lines are inside code blocks or lists, so every \`### <field label>\` line was read as a section; shorten the body or put long logs in one code block.`,
  }
}

const HIDING_BLOCKS = 'a code block, an HTML block, a list or a quote (is a ``` left open above?)'

function missingProblem(field: FormField, hidden: boolean): FormProblem {
  const heading = `\`### ${field.label}\``
  return {
    field: field.label,
    fieldId: field.id,
    kind: 'missing',
    message: hidden
      ? `required, but its ${heading} heading is inside ${HIDING_BLOCKS}, so it does not start a section; close the block above it, or unindent the heading.`
      : `required, but the body has no ${heading} section; add that heading with ${expectedValue(field)} below it.`,
  }
}

function emptyProblem(field: FormField): FormProblem {
  const what =
    field.type === 'checkboxes'
      ? 'no box is checked; check the ones that apply'
      : field.type === 'dropdown'
        ? `nothing is chosen; choose ${expectedValue(field)}`
        : `it is empty; give ${expectedValue(field)}`
  return { field: field.label, fieldId: field.id, kind: 'empty', message: `required, but ${what}.` }
}

function duplicateProblem(field: FormField, count: number): FormProblem {
  return {
    field: field.label,
    fieldId: field.id,
    kind: 'duplicate',
    message: `the \`### ${field.label}\` section appears ${count} times; only the first one is read, so keep one.`,
  }
}

function expectedValue(field: FormField): string {
  if (field.type !== 'dropdown' || field.options.length === 0) return 'a value'
  const options = field.options.map((option) => `\`${option}\``).join(', ')
  return field.multiple ? `one or more of ${options}` : `one of ${options}`
}

function orderProblem(headings: FieldHeading[], template: FormTemplate): FormProblem | undefined {
  const firsts = new Set<number>()
  let latest = -1
  for (const heading of headings) {
    if (firsts.has(heading.field)) continue
    firsts.add(heading.field)
    const field = template.fields[heading.field]
    const before = template.fields[latest]
    if (field !== undefined && before !== undefined && heading.field < latest) {
      const order = template.fields.map((each) => each.label).join(', ')
      return {
        field: field.label,
        fieldId: field.id,
        kind: 'order',
        message: `the \`### ${field.label}\` section comes after \`### ${before.label}\`, but the form puts it before; every section was still read. The form's order is: ${order}.`,
      }
    }
    latest = Math.max(latest, heading.field)
  }
  return undefined
}
