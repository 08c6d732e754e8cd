// The benchmark's results as markdown: what `npm run bench` prints and writes to BENCHMARKS.md.
import type { ParsersResult } from './parsers.js'
import type { ReaderValue } from './adversarial.js'
import type { TimeShare } from './profile.js'

/** One size and mode of the full run, medians over `reps` runs. */
export type EndToEndRow = {
  size: number
  mode: 'dry' | 'real'
  reps: number
  requests: number
  listingPages: number
  /** Distinct listings (first pages). */
  listings: number
  bound: number
  wallMs: number
  /** User plus system CPU time of the action's process. */
  cpuMs: number
  maxRssKb: number
  /** The floor at the same size: medians over as many runs. */
  floor: { wallMs: number; cpuMs: number; maxRssKb: number; pages: number }
  /** The action's client paging the same listings and doing nothing else (bench/floor.ts). */
  listing: { wallMs: number; cpuMs: number }
  outputs: { operation: string; incidents: number; highlights: number; skipped: number }
}

/** One real run with Octokit's spacing of writes on. */
export type SpacingResults = {
  size: number
  wallMs: number
  unspacedWallMs: number
  writes: number
  notifying: number
}

/** Cold start, size, and a profile of loading. */
export type ColdResults = {
  runs: number
  firstRequestMs: number
  firstRequestAllMs: number[]
  bareFirstRequestMs: number
  /** CPU time of a process that only loads the bundle (and fails for want of inputs). */
  loadCpuMs: number
  /** CPU time of `node -e 0`. */
  bareCpuMs: number
  bytes: number
  gzipBytes: number
  /** The chunks beside the entry (`chunks/`), which it loads after its first request. */
  chunks: number
  chunkBytes: number
  profile: TimeShare[]
}

/** Everything one `npm run bench` measured; a section left out is undefined. */
export type BenchResults = {
  command: string
  date: string
  node: string
  cores: number
  cpuModel: string
  loadBefore: number[]
  loadAfter: number[]
  memoryProbe: string
  totalSeconds: number
  code: string
  /** The bundled action measured, relative to the repository. */
  entry: string
  profileSize: number
  runs:
    | {
        rows: EndToEndRow[]
        kinds: Record<'dry' | 'real', Record<string, number>>
        profile: TimeShare[]
        spacing: SpacingResults
      }
    | undefined
  parsers: ParsersResult | undefined
  cold: ColdResults | undefined
  /** Hand-written findings appended to the report (bench/findings.md). */
  findings?: string
}

const COLD_START_TARGET_MS = 300
const FLOOR_RATIO_TARGET = 1.5
const PARSE_RATIO_TARGET = 1

const thousands = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a'
const ms = (value: number): string => `${thousands(value)} ms`
const mib = (kb: number): string => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a')
const verdict = (met: boolean): string => (met ? '**met**' : '**missed**')

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** A value in a code span that survives backticks and pipes inside it, on one line. */
function code(value: ReaderValue | undefined): string {
  if (value === undefined) return '—'
  if (value === null) return '(empty)'
  const text = JSON.stringify(value)
  const shown = text.length > 70 ? `${text.slice(0, 67)}...` : text
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence} ${shown.replace(/\|/g, '\\|')} ${fence}`
}

function profileTable(shares: TimeShare[], top: number): string {
  const total = shares.reduce((sum, share) => sum + share.ms, 0)
  const rows = shares
    .slice(0, top)
    .map((share) => [
      share.group.replace(/\|/g, '\\|'),
      ms(share.ms),
      `${((share.ms / total) * 100).toFixed(0)}%`,
    ])
  const rest = shares.slice(top).reduce((sum, share) => sum + share.ms, 0)
  rows.push([
    `everything else (${shares.length - top} groups)`,
    ms(rest),
    `${((rest / total) * 100).toFixed(0)}%`,
  ])
  rows.push(['**total CPU sampled**', ms(total), '100%'])
  return table(['where', 'CPU time', 'share'], rows)
}

/**
 * Where the run's time goes against the floor's: the action's client paging the same listings
 * and nothing else, and the rest of the run beyond that.
 */
function listingAlone(row: EndToEndRow | undefined): string {
  if (row === undefined || row.floor.pages === 0) return ''
  const pages = row.floor.pages
  const perPage = (wallMs: number) => ms(wallMs / pages)
  return `The action reads each page while GitHub serves the next, so most of its own work hides behind the server; what does not is in two parts. **Listing alone** is the action's client (Octokit with its retry and rate-limit plugins, src/github/list-pages.ts) paging the same listings and doing nothing with them: ${ms(row.listing.wallMs)}, ${(row.listing.wallMs / row.floor.wallMs).toFixed(2)}× the floor, or ${perPage(row.listing.wallMs)} a page against the floor's ${perPage(row.floor.wallMs)}. The rest of the dry run, ${ms(row.wallMs - row.listing.wallMs)}, is work that did not fit behind the server and what comes after the last page (the diagram, the page, the job summary).`
}

function endToEndSection(results: BenchResults): string {
  const runs = results.runs
  if (runs === undefined) return '## 1. One weekly run\n\nNot measured in this run (`--sections`).'
  const { rows: measured, spacing } = runs
  const largestSize = Math.max(...measured.map((row) => row.size))
  const rows = measured.map((row) => [
    thousands(row.size),
    row.mode,
    `${row.requests} (${row.listingPages} listing + ${row.requests - row.listingPages} other)`,
    `${row.bound} ${row.requests <= row.bound ? '✓' : '✗'}`,
    ms(row.wallMs),
    ms(row.floor.wallMs),
    `**${(row.wallMs / row.floor.wallMs).toFixed(2)}×**`,
    ms(row.listing.wallMs),
    ms(row.cpuMs),
    ms(row.floor.cpuMs),
    mib(row.maxRssKb),
    mib(row.floor.maxRssKb),
    `${row.outputs.incidents} / ${row.outputs.highlights} / ${row.outputs.skipped}`,
  ])
  const largest = measured.filter((row) => row.size === largestSize)
  const ratioMet = largest.every((row) => row.wallMs / row.floor.wallMs <= FLOOR_RATIO_TARGET)
  const requestsMet = measured.every((row) => row.requests <= row.bound)
  const reps = [...new Set(measured.map((row) => `${row.reps} at N=${thousands(row.size)}`))]
  const kinds = [...new Set([...Object.keys(runs.kinds.dry), ...Object.keys(runs.kinds.real)])]
  const kindRows = kinds.map((kind) => [
    `\`${kind}\``,
    String(runs.kinds.dry[kind] ?? 0),
    String(runs.kinds.real[kind] ?? 0),
  ])
  const fixed = (mode: 'dry' | 'real') => {
    const row = measured.find((each) => each.mode === mode)
    return row === undefined ? NaN : row.requests - row.listingPages
  }
  const spacedFloorS = Math.max(spacing.writes - 1, 3 * (spacing.notifying - 1), 0)
  const listings = measured[0]?.listings ?? 3
  return [
    '## 1. One weekly run, against the floor',
    '',
    `\`node ${results.entry}\` spawned as the runner spawns it (every input of action.yml in \`INPUT_*\`, defaults included; the \`GITHUB_*\` context; \`GITHUB_OUTPUT\` and \`GITHUB_STEP_SUMMARY\` files), against the fake GitHub of test/fake-github in a process of its own, as of 2024-05-07 in America/New_York. Every issue is labelled and updated since the listing's \`since\`: 60% incidents, 40% highlights; about 80% inside their window and 20% in the look-back week before it (fetched, then left out); 1% of the incidents still open; 1% unusable (Started is prose), so the skipped path runs too. Bodies are the sample team's texts, re-dated and varied (bench/issues.ts). \`INFRA_LOG_WRITE_INTERVAL_MS=0\` here; the spacing section below measures what GitHub's advised spacing of writes adds.`,
    '',
    `The **floor** (bench/floor.ts) pages the same listings the action made, their first-page URLs taken from the fake's log of the dry run, with \`fetch\` and \`JSON.parse\`, one request at a time, in a process spawned the same way against the same server; **listing alone** pages them the same way with the action's own client and does nothing else. Wall is spawn to exit; CPU is the process's user + system time; peak RSS is ${results.memoryProbe}. Medians of ${reps.join(', ')}, the floor's runs interleaved with the action's. The fake's own time (it filters and sorts every issue for each page) is in both walls, not in either CPU.`,
    '',
    table(
      [
        'N',
        'run',
        'requests',
        '≤ ⌈N/100⌉+10',
        'wall',
        'floor wall',
        'wall ÷ floor',
        'listing alone',
        'CPU',
        'floor CPU',
        'peak RSS',
        'floor peak RSS',
        'incidents / highlights / skipped',
      ],
      rows,
    ),
    '',
    `- **Requests**: ${verdict(requestsMet)}${requestsMet ? '' : ' for the real run'}. The fetch step makes ${listings} listings: \`labels=incident&state=all&since=…\` and \`labels=highlight&state=all&since=…\` (GitHub ANDs comma-separated labels, so one listing per label), and \`labels=incident&state=open\` (an ongoing incident nobody has touched since before the look-back is still in the window). Each listing costs ⌈its issues/100⌉ pages and at least one, so the listings cost at most ⌈N/100⌉ + ${listings - 1} with the open incidents under 100. Beside them a dry run makes ${fixed('dry')} requests and a real run ${fixed('real')}, whatever N is, so the measured bound is **⌈N/100⌉ + ${listings - 1 + fixed('dry')} (dry) and ⌈N/100⌉ + ${listings - 1 + fixed('real')} (real)**. The floor pages the same listings: ${[...new Set(measured.map((row) => row.floor.pages))].join(', ')} pages.`,
    `- **Wall time at N=${thousands(largestSize)} within ${FLOOR_RATIO_TARGET}× the floor**: ${verdict(ratioMet)} (${largest.map((row) => `${row.mode} ${(row.wallMs / row.floor.wallMs).toFixed(2)}×`).join(', ')}). ${listingAlone(largest.find((row) => row.mode === 'dry'))}`,
    '',
    `### Requests by kind at N=${thousands(largestSize)}`,
    '',
    table(['method and route', 'dry run', 'real run'], kindRows),
    '',
    '### The spacing of writes',
    '',
    `Octokit's throttling plugin follows GitHub's advice against secondary rate limits: writes (anything but GET and HEAD) start at least 1 s apart, and writes that notify people (creating an issue, a comment or a pull request, requesting reviewers) at least 3 s apart. The runs above switch the spacing off with \`INFRA_LOG_WRITE_INTERVAL_MS=0\`, which only the benchmark and the tests set. A real run at N=${thousands(spacing.size)} with the spacing on took **${ms(spacing.wallMs)}**, against ${ms(spacing.unspacedWallMs)} without it. It made ${spacing.writes} writes, ${spacing.notifying} of them notifying, so the spacing adds at least max((${spacing.writes} − 1) × 1 s, (${spacing.notifying} − 1) × 3 s) = ${spacedFloorS} s, and the same at any N: the number of writes does not grow with the number of issues. A dry run makes no writes and pays nothing.`,
    '',
    `### Where a dry run at N=${thousands(results.profileSize)} goes`,
    '',
    `\`node --cpu-prof ${results.entry}\`, one dry run (a run of its own: the profiler slows it). Samples in the bundle are charged to the package of the module they hit (esbuild's \`// node_modules/…\` and \`// src/…\` comments); node's own frames by module and function; \`(idle)\` is waiting for the server; \`(program)\` and \`(garbage collector)\` are V8's.`,
    '',
    profileTable(runs.profile, 16),
  ].join('\n')
}

function parsersSection(parsers: ParsersResult | undefined): string {
  if (parsers === undefined)
    return '## 2. Parse throughput\n\nNot measured in this run (`--sections`).'
  const { throughput, realistic, adversarial } = parsers
  const ours = throughput[0]
  const rows = throughput.map((entry) => [
    entry.parser,
    thousands(entry.bodiesPerSecond),
    entry.passesMs.map((pass) => thousands(pass)).join(', '),
    ours === undefined ? '' : `${(ours.bodiesPerSecond / entry.bodiesPerSecond).toFixed(2)}×`,
  ])
  const ratio = (other: (typeof throughput)[number] | undefined) =>
    ours === undefined || other === undefined ? NaN : ours.bodiesPerSecond / other.bodiesPerSecond
  const typedRatio = ratio(throughput[1])
  const untypedRatio = ratio(throughput[2])
  const differing = Object.entries(realistic.differingFields)
    .map(([field, count]) => `\`${field}\` in ${thousands(count)}`)
    .join(', ')
  const shown = adversarial.disagreements.filter((row) => row.reader !== undefined)
  const disagreementRows = shown.map((row) => [
    row.case,
    `\`${row.field}\``,
    code(row.reader),
    code(row.infraLog),
    code(row.issueParser),
  ])
  return [
    '## 2. Parse throughput, against @github/issue-parser',
    '',
    `The same ${thousands(realistic.bodies)} bodies as the N=10,000 run, each parsed against its form (Incident or Highlight) in a process of its own; infra-log's parser is the shipped \`dist/lib.js\`. Each parser gets an untimed warm-up over 500 bodies, then timed passes over all of them (up to five, fewer once 3 s are spent); bodies per second is from the median pass. @github/issue-parser takes the template as YAML text and reads it again on every call, which is most of its time; without a template it only splits on \`###\` with a regular expression and returns untyped strings.`,
    '',
    table(['parser', 'bodies / s', 'passes (ms)', 'infra-log ÷ this'], rows),
    '',
    `- **At or above @github/issue-parser**: ${verdict(typedRatio >= PARSE_RATIO_TARGET)} against it used as documented, with the template (${typedRatio.toFixed(1)}×). Against its template-less split (${untypedRatio.toFixed(2)}×) ${untypedRatio >= PARSE_RATIO_TARGET ? 'too' : 'not'}: that split does less (no types, no code fences, no problems), and it reads the realistic bodies differently, below.`,
    `- On these realistic bodies the two read ${thousands(realistic.identical)} of ${thousands(realistic.bodies)} the same${differing === '' ? '' : `; they differ on ${differing}`}. The Impact option \`Low: a few customers, minor disruption\` holds \`, \`, and @github/issue-parser splits every dropdown, single-select too, on commas.`,
    '',
    `### Where they disagree: ${adversarial.cases} adversarial bodies`,
    '',
    `bench/adversarial.ts: small bodies against a form with every field type (its \`ADVERSARIAL_TEMPLATE\`). "Reader" is what a person reading the rendered issue takes the field to say. Only the fields a case is about are shown; the first case shows the disagreements every body has. Of ${adversarial.judged} judged fields, infra-log reads **${adversarial.infraLogRight}** as the reader does, @github/issue-parser **${adversarial.issueParserRight}**; over all ${adversarial.fields} fields the two disagree on ${adversarial.disagreements.length}.`,
    '',
    table(['case', 'field', 'reader', 'infra-log', '@github/issue-parser'], disagreementRows),
  ].join('\n')
}

function coldSection(results: BenchResults): string {
  const { cold } = results
  if (cold === undefined)
    return '## 3. Cold start and size\n\nNot measured in this run (`--sections`).'
  return [
    '## 3. Cold start and size',
    '',
    `From spawning \`node ${results.entry}\` (a dry run, nothing between the clock and node) to the moment the fake has read its first request, median of ${cold.runs} runs: **${ms(cold.firstRequestMs)}** (each run: ${cold.firstRequestAllMs.map((value) => thousands(value)).join(', ')} ms). Bare node making one \`fetch\` (\`node -e 'await fetch(…)'\`), the least any action can do, takes ${ms(cold.bareFirstRequestMs)}, so the action adds ${ms(cold.firstRequestMs - cold.bareFirstRequestMs)}. In CPU time, which other work on the machine inflates less: loading the bundle and reading the inputs (the action with no inputs, which stops there) costs ${ms(cold.loadCpuMs)}, \`node -e 0\` ${ms(cold.bareCpuMs)}.`,
    '',
    `- **Under ${COLD_START_TARGET_MS} ms**: ${verdict(cold.firstRequestMs < COLD_START_TARGET_MS)}.`,
    `- \`${results.entry}\`: ${thousands(cold.bytes)} bytes, ${thousands(cold.gzipBytes)} gzipped; what runs before the first request. Its ${cold.chunks} chunks (\`chunks/\`: the stages after the listing, and the proxy-aware fetch), loaded once GitHub answers: ${thousands(cold.chunkBytes)} bytes.`,
    '',
    '### Where the start goes',
    '',
    `\`node --cpu-prof ${results.entry}\` with no inputs: it loads the bundle, fails to read its inputs and stops before any request, so this is the cost of starting, charged as above. \`compileSourceTextModule\` is V8 parsing and compiling the bundle's source; \`decode\` is reading it as UTF-8.`,
    '',
    profileTable(cold.profile, 12),
  ].join('\n')
}

/** The whole report, BENCHMARKS.md's text. */
export function renderReport(results: BenchResults): string {
  const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ')
  return [
    '# Benchmarks',
    '',
    `Written by \`${results.command}\` (bench/run.mjs); rerun it rather than editing this file. Measured on ${results.date} with node ${results.node} on ${results.cores} cores (${results.cpuModel}), code at ${results.code}. Load average ${load(results.loadBefore)} before and ${load(results.loadAfter)} after (1 / 5 / 15 min): other work shared the machine, so wall times are noisier than CPU times. The whole bench took ${results.totalSeconds.toFixed(0)} s.`,
    '',
    endToEndSection(results),
    '',
    parsersSection(results.parsers),
    '',
    coldSection(results),
    '',
    ...(results.findings === undefined ? [] : [results.findings.trim(), '']),
  ].join('\n')
}
