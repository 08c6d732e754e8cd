// One run of dist/index.js against the fake, as the runner runs it, with what the fake saw.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { parseOutputFile, prepareRunnerFiles } from '../test/e2e/run-action.js'
import { runnerEnvironment } from './action-env.js'
import type { FakeProcess } from './fake-process.js'
import type { SeenRequest } from './fake-server.js'
import { BENCH_AS_OF, BENCH_TIMEZONE } from './issues.js'
import { spawnMeasured, type Measured, type MemoryProbe } from './spawn-measured.js'

/** A finished run of the action: how it was measured, what it output, what it asked GitHub. */
export type ActionRun = Measured & {
  outputs: Record<string, string>
  requests: SeenRequest[]
}

/** Runs the bundled action once against `repository` on the fake. */
export async function runAction(params: {
  root: string
  /** The bundled action, normally `dist/index.js` under `root`. */
  entry: string
  node: string
  fake: FakeProcess
  repository: string
  dryRun: boolean
  /** Unset: Octokit's own spacing of writes (1 s apart). */
  writeIntervalMs: number | undefined
  scratch: string
  /** null: a plain spawn, nothing between the clock and node (cold start). */
  probe: MemoryProbe | null
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[]
  timeoutMs?: number
}): Promise<ActionRun> {
  const dir = await mkdtemp(join(params.scratch, 'run-'))
  const paths = await prepareRunnerFiles(dir, { schedule: '0 9 * * 1' })
  try {
    const env = runnerEnvironment({
      root: params.root,
      inputs: {
        token: params.fake.token,
        'as-of': BENCH_AS_OF,
        timezone: BENCH_TIMEZONE,
        'dry-run': String(params.dryRun),
      },
      repository: params.repository,
      apiUrl: params.fake.url,
      paths,
      writeIntervalMs: params.writeIntervalMs,
    })
    await params.fake.reset()
    const measured = await spawnMeasured({
      node: params.node,
      args: [...(params.nodeFlags ?? []), params.entry],
      env,
      cwd: paths.workspace,
      scratch: params.scratch,
      probe: params.probe,
      timeoutMs: params.timeoutMs ?? 300_000,
    })
    const requests = await params.fake.requests()
    if (measured.code !== 0) {
      throw new Error(
        `${params.entry} exited with ${measured.code} on ${params.repository}:\n${measured.stdout.slice(-3000)}`,
      )
    }
    const outputs = parseOutputFile(await readFile(paths.output, 'utf8'))
    return { ...measured, outputs, requests }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
