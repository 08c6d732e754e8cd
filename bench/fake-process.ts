// The parent's handle on bench/fake-server.ts running in a child process.
import { fork, type ChildProcess } from 'node:child_process'
import type { FakeCommand, FakeReply, SeenRequest } from './fake-server.js'

/** A fake GitHub in its own process: one command at a time, one reply each. */
export class FakeProcess {
  private readonly waiting: Array<(reply: FakeReply) => void> = []

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
  ) {
    child.on('message', (reply: FakeReply) => this.waiting.shift()?.(reply))
  }

  /** Forks the bundled fake-server script and waits until it listens. */
  static async start(script: string): Promise<FakeProcess> {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const ready = await new Promise<FakeReply>((resolve, reject) => {
      child.once('message', resolve)
      child.once('error', reject)
      child.once('exit', (code) => reject(new Error(`fake-server exited with ${code}`)))
    })
    if (ready.type !== 'ready') throw new Error(`fake-server: unexpected ${ready.type}`)
    return new FakeProcess(child, ready.url, ready.token)
  }

  private send<T extends FakeReply['type']>(
    command: FakeCommand,
    expect: T,
  ): Promise<Extract<FakeReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) =>
        reply.type === expect
          ? resolve(reply as Extract<FakeReply, { type: T }>)
          : reject(new Error(`fake-server answered ${reply.type} to ${command.type}`)),
      )
      this.child.send(command)
    })
  }

  /** Adds a repository with `count` benchmark issues. */
  seed(repository: string, count: number): Promise<Extract<FakeReply, { type: 'seeded' }>> {
    return this.send({ type: 'seed', repository, count }, 'seeded')
  }

  /** Every request since the last reset. */
  async requests(): Promise<SeenRequest[]> {
    return (await this.send({ type: 'requests' }, 'requests')).requests
  }

  async reset(): Promise<void> {
    await this.send({ type: 'reset' }, 'done')
  }

  async close(): Promise<void> {
    await this.send({ type: 'close' }, 'done')
  }
}
