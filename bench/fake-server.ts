// The fake GitHub in a process of its own, so the action's CPU time and peak memory are its own.
// Driven over the IPC channel of `child_process.fork` by bench/main.ts.
import { startFakeGitHub, type IssueSeed } from '../test/fake-github/index.js'
import { generateIssues, type BenchIssue } from './issues.js'

/** What the parent asks. */
export type FakeCommand =
  | { type: 'seed'; repository: string; count: number }
  | { type: 'requests' }
  | { type: 'reset' }
  | { type: 'close' }

/** One request as the fake received it, without its body (blobs can be megabytes). */
export type SeenRequest = {
  method: string
  path: string
  query: Record<string, string>
  status: number
  /** Epoch milliseconds when the request had been read. */
  at: number
}

/** What the fake answers. */
export type FakeReply =
  | { type: 'ready'; url: string; token: string }
  | { type: 'seeded'; ms: number; incidents: number; highlights: number; inWindow: number }
  | { type: 'requests'; requests: SeenRequest[] }
  | { type: 'done' }

const fake = await startFakeGitHub()

/** The fake's part of a benchmark issue: all but what the benchmark knows about it. */
function seedOf(issue: BenchIssue): IssueSeed {
  const seed: IssueSeed & Partial<Pick<BenchIssue, 'kind' | 'inWindow'>> = { ...issue }
  delete seed.kind
  delete seed.inWindow
  return seed
}

function reply(message: FakeReply): void {
  process.send?.(message)
}

process.on('message', (message: FakeCommand) => {
  switch (message.type) {
    case 'seed': {
      const started = performance.now()
      const repo = fake.addRepo(message.repository)
      const issues = generateIssues(message.count)
      for (const issue of issues) repo.addIssue(seedOf(issue))
      reply({
        type: 'seeded',
        ms: performance.now() - started,
        incidents: issues.filter((issue) => issue.kind === 'incident').length,
        highlights: issues.filter((issue) => issue.kind === 'highlight').length,
        inWindow: issues.filter((issue) => issue.inWindow).length,
      })
      return
    }
    case 'requests':
      reply({
        type: 'requests',
        requests: fake.requests.map((request) => ({
          method: request.method,
          path: request.path,
          query: request.query,
          status: request.status,
          at: request.at.getTime(),
        })),
      })
      return
    case 'reset':
      fake.resetRequests()
      reply({ type: 'done' })
      return
    case 'close':
      void fake.close().then(() => {
        reply({ type: 'done' })
        process.disconnect()
      })
      return
  }
})

// A parent that dies without saying `close` must not leave the server listening.
process.on('disconnect', () => process.exit(0))

reply({ type: 'ready', url: fake.url, token: fake.token })
