// Parse throughput and disagreements: infra-log's parser (from the shipped dist/lib.js) against
// @github/issue-parser, on the benchmark's 10,000 bodies and on the adversarial cases. Run as a
// child process of bench/main.ts (a fresh heap, no fake server beside it); prints JSON.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseIssue } from '@github/issue-parser'
import type { FormTemplate, ParsedForm } from '../src/forms/form-template.js'
import { ADVERSARIAL_CASES, ADVERSARIAL_TEMPLATE, type ReaderValue } from './adversarial.js'
import { generateIssues } from './issues.js'

/** The part of dist/lib.js the benchmark calls. */
type InfraLogLibrary = {
  parseIssueForm(body: string, template: FormTemplate): ParsedForm
  parseFormTemplate(yaml: string, source?: string): FormTemplate
  shippedTemplate(kind: 'incident' | 'highlight'): FormTemplate
}

/** One parser's throughput over the same bodies. */
export type Throughput = {
  parser: string
  bodies: number
  /** Wall time of each timed pass over all bodies. */
  passesMs: number[]
  bodiesPerSecond: number
}

/** One field where the parsers read a body differently. */
export type Disagreement = {
  case: string
  field: string
  reader: ReaderValue | undefined
  infraLog: ReaderValue
  issueParser: ReaderValue
}

/** What bench/parsers.ts prints. */
export type ParsersResult = {
  throughput: Throughput[]
  /** On the realistic bodies: how many read the same in both, and which fields differ how often. */
  realistic: { bodies: number; identical: number; differingFields: Record<string, number> }
  adversarial: {
    cases: number
    fields: number
    disagreements: Disagreement[]
    /** Fields with a reader's value that each parser got right. */
    judged: number
    infraLogRight: number
    issueParserRight: number
  }
}

const COUNT = 10_000
/** Timed passes over all bodies: at most this many, and no more once this much time is spent. */
const MAX_PASSES = 5
const PASS_BUDGET_MS = 3_000
const WARM_UP_BODIES = 500

/** Collapses the parsers' ways of saying "empty" and their shapes into one. */
function normalize(value: unknown): ReaderValue {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String)
  const boxes = value as { selected?: unknown[]; unselected?: unknown[] }
  const selected = (boxes.selected ?? []).map(String)
  const unselected = (boxes.unselected ?? []).map(String)
  return selected.length === 0 && unselected.length === 0 ? null : { selected, unselected }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Times passes of `parseAll` over all bodies after an untimed warm-up over the first few, so the
 * JIT has settled; the slow contender gets fewer passes so the whole bench stays short.
 */
function timePasses(parseAll: (count: number) => number): number[] {
  // The checksum keeps the work from being optimised away.
  let checksum = parseAll(WARM_UP_BODIES)
  const passes: number[] = []
  let spent = 0
  while (passes.length < MAX_PASSES && (passes.length === 0 || spent < PASS_BUDGET_MS)) {
    const started = performance.now()
    checksum += parseAll(COUNT)
    const elapsed = performance.now() - started
    passes.push(elapsed)
    spent += elapsed
  }
  if (checksum < 0) throw new Error('unreachable')
  return passes
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const root = process.env.BENCH_ROOT ?? '.'
const library = (await import(pathToFileURL(join(root, 'dist', 'lib.js')).href)) as InfraLogLibrary
const yamlOf = {
  incident: readFileSync(join(root, '.github', 'ISSUE_TEMPLATE', 'incident.yml'), 'utf8'),
  highlight: readFileSync(join(root, '.github', 'ISSUE_TEMPLATE', 'highlight.yml'), 'utf8'),
}
const templateOf = {
  incident: library.shippedTemplate('incident'),
  highlight: library.shippedTemplate('highlight'),
}
const issues = generateIssues(COUNT).map((issue) => ({ kind: issue.kind, body: issue.body }))

const contenders: Array<{
  parser: string
  parse: (kind: 'incident' | 'highlight', body: string) => unknown
}> = [
  {
    parser: 'infra-log `parseIssueForm(body, template)`',
    parse: (kind, body) => library.parseIssueForm(body, templateOf[kind]),
  },
  {
    parser: '@github/issue-parser `parseIssue(body, templateYaml)`',
    parse: (kind, body) => parseIssue(body, yamlOf[kind]),
  },
  {
    parser: '@github/issue-parser `parseIssue(body)` (no template: untyped strings)',
    parse: (_kind, body) => parseIssue(body),
  },
]
const throughput: Throughput[] = contenders.map(({ parser, parse }) => {
  const passesMs = timePasses((count) => {
    let size = 0
    for (const issue of issues.slice(0, count)) {
      size += Object.keys(parse(issue.kind, issue.body) ?? {}).length
    }
    return size
  })
  return {
    parser,
    bodies: issues.length,
    passesMs,
    bodiesPerSecond: (issues.length / median(passesMs)) * 1000,
  }
})

const differingFields: Record<string, number> = {}
let identical = 0
for (const issue of issues) {
  const ours = library.parseIssueForm(issue.body, templateOf[issue.kind]).fields
  const theirs = parseIssue(issue.body, yamlOf[issue.kind]) as Record<string, unknown>
  let agree = true
  for (const field of templateOf[issue.kind].fields) {
    if (same(normalize(ours[field.id]), normalize(theirs[field.id]))) continue
    agree = false
    const key = `${issue.kind}.${field.id}`
    differingFields[key] = (differingFields[key] ?? 0) + 1
  }
  if (agree) identical += 1
}

const adversarialTemplate = library.parseFormTemplate(ADVERSARIAL_TEMPLATE, 'adversarial.yml')
const disagreements: Disagreement[] = []
let fields = 0
let judged = 0
let infraLogRight = 0
let issueParserRight = 0
for (const testCase of ADVERSARIAL_CASES) {
  const ours = library.parseIssueForm(testCase.body, adversarialTemplate).fields
  const theirs = parseIssue(testCase.body, ADVERSARIAL_TEMPLATE) as Record<string, unknown>
  for (const field of adversarialTemplate.fields) {
    fields += 1
    const infraLog = normalize(ours[field.id])
    const issueParser = normalize(theirs[field.id])
    const reader = testCase.reader[field.id]
    if (reader !== undefined) {
      judged += 1
      if (same(infraLog, reader)) infraLogRight += 1
      if (same(issueParser, reader)) issueParserRight += 1
    }
    if (!same(infraLog, issueParser)) {
      disagreements.push({ case: testCase.name, field: field.id, reader, infraLog, issueParser })
    }
  }
}

const result: ParsersResult = {
  throughput,
  realistic: { bodies: issues.length, identical, differingFields },
  adversarial: {
    cases: ADVERSARIAL_CASES.length,
    fields,
    disagreements,
    judged,
    infraLogRight,
    issueParserRight,
  },
}
process.stdout.write(JSON.stringify(result))
