// The benchmark: what one weekly run costs, against the floor and against a peer. Bundled and
// started by bench/run.mjs (`npm run bench`); prints the tables and writes BENCHMARKS.md.
import { execFileSync, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { FakeProcess } from './fake-process.js'
import type { SeenRequest } from './fake-server.js'
import type { ParsersResult } from './parsers.js'
import { attributeProfile, type TimeShare } from './profile.js'
import {
  renderReport,
  type BenchResults,
  type ColdResults,
  type EndToEndRow,
  type SpacingResults,
} from './render-results.js'
import { isIssueListing, routeOf } from './routes.js'
import { runAction, type ActionRun } from './run-action.js'
import { memoryProbe, spawnMeasured, type Measured, type MemoryProbe } from './spawn-measured.js'

const SECTIONS = ['runs', 'parsers', 'cold'] as const
type Section = (typeof SECTIONS)[number]

type Options = {
  sizes: number[]
  /** Runs per size below 10,000; sizes from 10,000 up get `repsLarge`. */
  reps: number
  repsLarge: number
  coldRuns: number
  /** The size whose dry run is profiled (the profile slows the run, so it is a run of its own). */
  profileSize: number
  sections: Section[]
  /** The folder holding the bundled action: `dist` unless comparing another build. */
  dist: string
  write: boolean
  out: string
  /** Where to keep the raw `.cpuprofile` files (Chrome DevTools opens them); default nowhere. */
  keepProfiles: string | undefined
  /** The node that runs the action, the floor and the parsers; default the one running this. */
  node: string
}

const USAGE = `npm run bench [-- options]
  --sizes=100,1000,10000   issues per run
  --reps=3 --reps-large=1  runs per size (below / from 10,000)
  --cold-runs=10           cold-start runs
  --profile-size=1000      the size whose dry run is profiled
  --sections=runs,parsers,cold
  --dist=dist              the folder with the bundled action (to compare builds)
  --keep-profiles=DIR      keep the .cpuprofile files
  --node=PATH              run the action with this node, e.g. Node 24 as action.yml says:
                           --node=$(node scripts/ensure-node24.mjs)
  --out=BENCHMARKS.md | --no-write`

function readOptions(argv: string[], root: string): Options {
  const value = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  const count = (name: string, fallback: number): number => {
    const text = value(name)
    const parsed = text === undefined ? fallback : Number(text)
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new Error(`--${name}: expected a whole number from 1, not ${text}\n${USAGE}`)
    }
    return parsed
  }
  const sizes = (value('sizes') ?? '100,1000,10000').split(',').map(Number)
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--sizes: expected whole numbers separated by commas\n${USAGE}`)
  }
  const sections = (value('sections') ?? SECTIONS.join(',')).split(',')
  const unknown = sections.filter((name) => !(SECTIONS as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw new Error(`--sections: unknown ${unknown.join(', ')}; expected ${SECTIONS.join(', ')}`)
  }
  const profileSize = count('profile-size', sizes.includes(1000) ? 1000 : Math.min(...sizes))
  return {
    sizes,
    reps: count('reps', 3),
    repsLarge: count('reps-large', 1),
    coldRuns: count('cold-runs', 10),
    profileSize,
    sections: sections as Section[],
    dist: resolve(root, value('dist') ?? 'dist'),
    write: !argv.includes('--no-write'),
    out: value('out') ?? 'BENCHMARKS.md',
    keepProfiles: value('keep-profiles'),
    node: value('node') ?? process.execPath,
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`)
}

/** What every measuring step needs. */
type Context = {
  root: string
  bundleDir: string
  entry: string
  node: string
  probe: MemoryProbe
  scratch: string
  fake: FakeProcess
  options: Options
}

/** The first-page URLs of the issue listings a run made: what the floor pages through too. */
function listingUrls(requests: SeenRequest[], apiUrl: string): string[] {
  return requests
    .filter((request) => isIssueListing(request.method, request.path))
    .filter((request) => (request.query.page ?? '1') === '1')
    .map((request) => `${apiUrl}${request.path}?${new URLSearchParams(request.query).toString()}`)
}

function countKinds(requests: SeenRequest[]): Record<string, number> {
  const kinds: Record<string, number> = {}
  for (const request of requests) {
    const kind = routeOf(request.method, request.path)
    kinds[kind] = (kinds[kind] ?? 0) + 1
  }
  return kinds
}

type FloorRun = Measured & { pages: number; items: number }

async function runFloor(
  context: Context,
  urls: string[],
  client: 'fetch' | 'action' = 'fetch',
): Promise<FloorRun> {
  const { fake, scratch } = context
  await fake.reset()
  const measured = await spawnMeasured({
    node: context.node,
    args: [
      join(context.bundleDir, 'floor.mjs'),
      JSON.stringify({ token: fake.token, urls, client, apiUrl: fake.url }),
    ],
    env: { PATH: process.env.PATH ?? '' },
    cwd: scratch,
    scratch,
    probe: context.probe,
    timeoutMs: 300_000,
  })
  if (measured.code !== 0) throw new Error(`floor failed: ${measured.stderr}`)
  const { requests, items } = JSON.parse(measured.stdout) as { requests: number; items: number }
  return { ...measured, pages: requests, items }
}

function action(
  context: Context,
  repository: string,
  dryRun: boolean,
  extra: {
    writeIntervalMs?: number | undefined
    probe?: MemoryProbe | null
    nodeFlags?: string[]
  } = {},
): Promise<ActionRun> {
  return runAction({
    root: context.root,
    entry: context.entry,
    node: context.node,
    fake: context.fake,
    scratch: context.scratch,
    repository,
    dryRun,
    writeIntervalMs: 'writeIntervalMs' in extra ? extra.writeIntervalMs : 0,
    probe: extra.probe === undefined ? context.probe : extra.probe,
    ...(extra.nodeFlags === undefined ? {} : { nodeFlags: extra.nodeFlags }),
  })
}

/**
 * Section 1: per size, dry runs, real runs and the floor, interleaved so that a change in the
 * machine's load touches all three alike. Each real run gets a fresh copy of the repository (a
 * second real run on the same one would find nothing to change).
 */
async function measureRuns(context: Context): Promise<{
  rows: EndToEndRow[]
  kinds: Record<'dry' | 'real', Record<string, number>>
  profile: TimeShare[]
}> {
  const { fake, options } = context
  const rows: EndToEndRow[] = []
  const largest = Math.max(...options.sizes)
  const kinds: Record<'dry' | 'real', Record<string, number>> = { dry: {}, real: {} }
  for (const size of options.sizes) {
    const reps = size >= 10_000 ? options.repsLarge : options.reps
    const seeded = await fake.seed(`bench/n${size}`, size)
    for (let rep = 0; rep < reps; rep++) await fake.seed(`bench/n${size}-real-${rep}`, size)
    log(`N=${size}: ${seeded.incidents} incidents, ${seeded.highlights} highlights, ${reps} runs`)
    const runs = {
      dry: [] as ActionRun[],
      real: [] as ActionRun[],
      floor: [] as FloorRun[],
      listing: [] as FloorRun[],
    }
    for (let rep = 0; rep < reps; rep++) {
      const dry = await action(context, `bench/n${size}`, true)
      const urls = listingUrls(dry.requests, fake.url)
      const floor = await runFloor(context, urls)
      const listing = await runFloor(context, urls, 'action')
      const real = await action(context, `bench/n${size}-real-${rep}`, false)
      runs.dry.push(dry)
      runs.floor.push(floor)
      runs.listing.push(listing)
      runs.real.push(real)
      log(
        `N=${size} run ${rep + 1}/${reps}: dry ${dry.wallMs.toFixed(0)} ms, floor ${floor.wallMs.toFixed(0)} ms, listing alone ${listing.wallMs.toFixed(0)} ms, real ${real.wallMs.toFixed(0)} ms`,
      )
    }
    const floor = {
      wallMs: median(runs.floor.map((run) => run.wallMs)),
      cpuMs: median(runs.floor.map((run) => run.cpuMs ?? NaN)),
      maxRssKb: median(runs.floor.map((run) => run.maxRssKb ?? NaN)),
      pages: runs.floor[0]?.pages ?? 0,
    }
    const listing = {
      wallMs: median(runs.listing.map((run) => run.wallMs)),
      cpuMs: median(runs.listing.map((run) => run.cpuMs ?? NaN)),
    }
    for (const mode of ['dry', 'real'] as const) {
      const list = runs[mode]
      const first = list[0]
      if (first === undefined) continue
      if (size === largest) kinds[mode] = countKinds(first.requests)
      rows.push({
        size,
        mode,
        reps: list.length,
        requests: first.requests.length,
        listingPages: first.requests.filter((r) => isIssueListing(r.method, r.path)).length,
        listings: listingUrls(first.requests, fake.url).length,
        bound: Math.ceil(size / 100) + 10,
        wallMs: median(list.map((run) => run.wallMs)),
        cpuMs: median(list.map((run) => run.cpuMs ?? NaN)),
        maxRssKb: median(list.map((run) => run.maxRssKb ?? NaN)),
        floor,
        listing,
        outputs: {
          operation: first.outputs['pull-request-operation'] ?? '',
          incidents: Number(first.outputs['incident-count'] ?? NaN),
          highlights: Number(first.outputs['highlight-count'] ?? NaN),
          skipped: Number(first.outputs['skipped-count'] ?? NaN),
        },
      })
    }
  }
  log(`profiling a dry run at N=${options.profileSize}`)
  if (!options.sizes.includes(options.profileSize)) {
    await fake.seed(`bench/n${options.profileSize}`, options.profileSize)
  }
  const profile = await profiled(context, (flags) =>
    action(context, `bench/n${options.profileSize}`, true, { probe: null, nodeFlags: flags }),
  )
  return { rows, kinds, profile }
}

/** Section 1, last part: one real run with Octokit's spacing of writes left on. */
async function measureSpacing(context: Context, unspacedWallMs: number): Promise<SpacingResults> {
  const size = Math.min(...context.options.sizes)
  await context.fake.seed(`bench/n${size}-spaced`, size)
  const spaced = await action(context, `bench/n${size}-spaced`, false, {
    writeIntervalMs: undefined,
  })
  const writes = spaced.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')
  // The throttling plugin's list of routes that notify people, as far as infra-log calls them.
  const notifying = writes.filter((r) =>
    /^\/repos\/[^/]+\/[^/]+\/(issues|pulls)(\/\d+\/(comments|requested_reviewers|reviews))?$/.test(
      r.path,
    ),
  )
  log(`spacing: ${writes.length} writes, real run ${spaced.wallMs.toFixed(0)} ms`)
  return {
    size,
    wallMs: spaced.wallMs,
    unspacedWallMs,
    writes: writes.length,
    notifying: notifying.length,
  }
}

/**
 * Section 3: spawn to the first request the fake receives (a dry run, nothing between the clock
 * and node), beside bare node making one fetch; the CPU time of loading alone; the bundle's size;
 * and a profile of loading.
 */
async function measureCold(context: Context): Promise<ColdResults> {
  const { fake, options, scratch, node } = context
  const size = Math.min(...options.sizes)
  await fake.seed(`bench/cold`, size)
  const bareScript = `await fetch(${JSON.stringify(`${fake.url}/repos/bench/cold`)}, { headers: { authorization: 'token ${fake.token}' } })`
  const loadOnlyEnv = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: join(scratch, 'load-output') }
  const firstRequest: number[] = []
  const bareFirstRequest: number[] = []
  const loadCpu: number[] = []
  const bareCpu: number[] = []
  for (let run = 0; run < options.coldRuns; run++) {
    const started = await action(context, 'bench/cold', true, { probe: null })
    firstRequest.push((started.requests[0]?.at ?? NaN) - started.spawnedAt)
    await fake.reset()
    const bare = await spawnMeasured({
      node,
      args: ['--input-type=module', '-e', bareScript],
      env: { PATH: process.env.PATH ?? '' },
      cwd: scratch,
      scratch,
      probe: null,
      timeoutMs: 60_000,
    })
    bareFirstRequest.push(((await fake.requests())[0]?.at ?? NaN) - bare.spawnedAt)
    // With no inputs the action fails right after loading and reading them, before any request.
    const loaded = await spawnMeasured({
      node,
      args: [context.entry],
      env: loadOnlyEnv,
      cwd: scratch,
      scratch,
      probe: context.probe,
      timeoutMs: 60_000,
    })
    loadCpu.push(loaded.cpuMs ?? NaN)
    const empty = await spawnMeasured({
      node,
      args: ['-e', '0'],
      env: loadOnlyEnv,
      cwd: scratch,
      scratch,
      probe: context.probe,
      timeoutMs: 60_000,
    })
    bareCpu.push(empty.cpuMs ?? NaN)
  }
  const bundle = await readFile(context.entry)
  // The stages after the first request are chunks beside it, loaded once GitHub answers.
  const chunkDir = join(context.entry, '..', 'chunks')
  const chunks = await readdir(chunkDir).catch(() => [] as string[])
  let chunkBytes = 0
  for (const name of chunks) chunkBytes += (await readFile(join(chunkDir, name))).length
  const profile = await profiled(context, async (flags) =>
    spawnMeasured({
      node,
      args: [...flags, context.entry],
      env: loadOnlyEnv,
      cwd: scratch,
      scratch,
      probe: null,
      timeoutMs: 60_000,
    }),
  )
  log(`cold start: median ${median(firstRequest).toFixed(0)} ms to the first request`)
  return {
    runs: firstRequest.length,
    firstRequestMs: median(firstRequest),
    firstRequestAllMs: firstRequest,
    bareFirstRequestMs: median(bareFirstRequest),
    loadCpuMs: median(loadCpu),
    bareCpuMs: median(bareCpu),
    bytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    chunks: chunks.length,
    chunkBytes,
    profile,
  }
}

/** Runs `run` with `--cpu-prof` and charges the profile to the bundle's packages. */
async function profiled(
  context: Context,
  run: (flags: string[]) => Promise<unknown>,
): Promise<TimeShare[]> {
  const parent = context.options.keepProfiles ?? context.scratch
  await mkdir(parent, { recursive: true })
  const dir = await mkdtemp(join(parent, 'profile-'))
  await run(['--cpu-prof', `--cpu-prof-dir=${dir}`])
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'))
  if (file === undefined) return []
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Parameters<
    typeof attributeProfile
  >[0]
  const chunkDir = join(context.entry, '..', 'chunks')
  const files = [
    context.entry,
    ...(await readdir(chunkDir).catch(() => [] as string[])).map((name) => join(chunkDir, name)),
  ]
  const bundles = new Map<string, string>()
  for (const path of files) bundles.set(pathToFileURL(path).href, await readFile(path, 'utf8'))
  return attributeProfile(profile, bundles)
}

/** Section 2, in a process of its own: a fresh heap, and no fake server beside it. */
function measureParsers(context: Context): Promise<ParsersResult> {
  log('parsers: 10,000 bodies and the adversarial cases')
  return new Promise((resolvePromise, reject) => {
    const child = spawn(context.node, [join(context.bundleDir, 'parsers.mjs')], {
      env: { PATH: process.env.PATH ?? '', BENCH_ROOT: context.root },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`parsers.mjs exited with ${code}`))
      resolvePromise(JSON.parse(Buffer.concat(out).toString('utf8')) as ParsersResult)
    })
  })
}

function describeCode(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root }).toString().trim()
    const dirty = git('status', '--porcelain', '--', 'src', 'dist', 'scripts')
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty === '' ? '' : ' plus uncommitted changes to src/, dist/ or scripts/'}`
  } catch {
    return 'an unknown commit'
  }
}

/** Runs the benchmark; `argv` are the options after `npm run bench --`. */
export async function main(argv: string[]): Promise<void> {
  const root = process.env.BENCH_ROOT ?? process.cwd()
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const options = readOptions(argv, root)
  const began = performance.now()
  const loadBefore = loadavg()
  const scratch = await mkdtemp(join(tmpdir(), 'infra-log-bench-run-'))
  const fake = await FakeProcess.start(join(process.env.BENCH_BUNDLE ?? '.', 'fake-server.mjs'))
  const context: Context = {
    root,
    bundleDir: process.env.BENCH_BUNDLE ?? '.',
    entry: join(options.dist, 'index.js'),
    node: options.node,
    probe: memoryProbe(),
    scratch,
    fake,
    options,
  }
  try {
    const wants = (section: Section) => options.sections.includes(section)
    const runs = wants('runs') ? await measureRuns(context) : undefined
    const spacing =
      runs === undefined
        ? undefined
        : await measureSpacing(
            context,
            runs.rows.find((row) => row.size === Math.min(...options.sizes) && row.mode === 'real')
              ?.wallMs ?? NaN,
          )
    const parsers = wants('parsers') ? await measureParsers(context) : undefined
    const cold = wants('cold') ? await measureCold(context) : undefined
    const results: BenchResults = {
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      date: new Date().toISOString().slice(0, 10),
      node: execFileSync(options.node, ['--version']).toString().trim(),
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadBefore,
      loadAfter: loadavg(),
      memoryProbe: context.probe.describe,
      totalSeconds: (performance.now() - began) / 1000,
      code: describeCode(root),
      entry: relative(root, context.entry),
      runs: runs === undefined || spacing === undefined ? undefined : { ...runs, spacing },
      parsers,
      cold,
      profileSize: options.profileSize,
      findings: await readFile(join(root, 'bench', 'findings.md'), 'utf8').catch(() => undefined),
    }
    const markdown = renderReport(results)
    process.stdout.write(`${markdown}\n`)
    if (options.write) {
      await writeFile(join(root, options.out), markdown)
      log(`wrote ${options.out}`)
    }
  } finally {
    await fake.close()
    await rm(scratch, { recursive: true, force: true })
  }
}
