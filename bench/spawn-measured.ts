// Spawns a process the way the Actions runner spawns a step, and measures it from outside: wall
// time from spawn to exit, and the peak resident memory of that process alone.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** How a measured process ended. */
export type Measured = {
  code: number | null
  stdout: string
  stderr: string
  /** Epoch milliseconds just before the spawn. */
  spawnedAt: number
  wallMs: number
  /** Peak resident set size in KiB; null when it could not be read. */
  maxRssKb: number | null
  /** User plus system CPU time in milliseconds; null when it could not be read. */
  cpuMs: number | null
}

/** How peak memory is read: GNU time, or a preload that reports `process.resourceUsage()`. */
export type MemoryProbe = { kind: 'gnu-time' | 'preload'; describe: string }

const GNU_TIME = '/usr/bin/time'

/** Prefers GNU time (`-v` reports the child's `ru_maxrss`); falls back to a `--require` preload. */
export function memoryProbe(): MemoryProbe {
  return existsSync(GNU_TIME)
    ? { kind: 'gnu-time', describe: '`/usr/bin/time -v` "Maximum resident set size"' }
    : { kind: 'preload', describe: '`process.resourceUsage().maxRSS` at exit, from a preload' }
}

const PRELOAD = `process.on('exit', () => {
  const usage = process.resourceUsage()
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, usage.maxRSS + ' ' + cpuMs)
})
`

/** Runs `node args…` in `cwd` with exactly `env`, measured; killed after `timeoutMs`. */
export async function spawnMeasured(params: {
  node: string
  args: string[]
  env: Record<string, string>
  cwd: string
  scratch: string
  /** null: a plain spawn with nothing between the clock and node; no memory figure. */
  probe: MemoryProbe | null
  timeoutMs: number
}): Promise<Measured> {
  const report = join(params.scratch, `rss-${process.pid}-${Date.now()}-${Math.random()}.txt`)
  let command = params.node
  let args = params.args
  const env = { ...params.env }
  if (params.probe === null) {
    // Spawned as is.
  } else if (params.probe.kind === 'gnu-time') {
    command = GNU_TIME
    args = ['-v', '-o', report, params.node, ...params.args]
  } else {
    const preload = join(params.scratch, 'rss-preload.cjs')
    if (!existsSync(preload)) await writeFile(preload, PRELOAD)
    args = ['--require', preload, ...params.args]
    env.BENCH_RSS_FILE = report
  }
  const spawnedAt = Date.now()
  const started = performance.now()
  const ended = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(command, args, {
        cwd: params.cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const stdout: Buffer[] = []
      const stderr: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
      const timer = setTimeout(() => child.kill('SIGKILL'), params.timeoutMs)
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve({
          code,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        })
      })
    },
  )
  const wallMs = performance.now() - started
  const usage =
    params.probe === null ? { maxRssKb: null, cpuMs: null } : await readUsage(report, params.probe)
  await rm(report, { force: true })
  return { ...ended, spawnedAt, wallMs, ...usage }
}

async function readUsage(
  report: string,
  probe: MemoryProbe,
): Promise<{ maxRssKb: number | null; cpuMs: number | null }> {
  const text = await readFile(report, 'utf8').catch(() => '')
  if (probe.kind === 'preload') {
    const [rss, cpu] = text.split(' ').map(Number)
    return { maxRssKb: rss ?? null, cpuMs: cpu ?? null }
  }
  const number = (pattern: RegExp): number | null => {
    const match = pattern.exec(text)
    return match === null ? null : Number(match[1])
  }
  const user = number(/User time \(seconds\): ([\d.]+)/)
  const system = number(/System time \(seconds\): ([\d.]+)/)
  return {
    maxRssKb: number(/Maximum resident set size \(kbytes\): (\d+)/),
    cpuMs: user === null || system === null ? null : (user + system) * 1000,
  }
}
