import { createGitHubClient, type GitHubClient, type Logger } from '../../src/github/client.js'
import type { FakeGitHub } from '../fake-github/index.js'

/** A logger that keeps every line, `level: message`. */
export function collectingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
  }
}

/** A client for the fake whose retries and write spacing take milliseconds, not seconds. */
export function fakeClient(fake: FakeGitHub, log: Logger = collectingLogger()): GitHubClient {
  return createGitHubClient({
    token: fake.token,
    baseUrl: fake.url,
    log,
    retries: 2,
    retryAfterBaseValue: 1,
    writeIntervalMs: 0,
  })
}

/** The requests that change something: everything but GET and HEAD. */
export function writes(fake: FakeGitHub): string[] {
  return fake.requests
    .filter((request) => request.method !== 'GET' && request.method !== 'HEAD')
    .map((request) => `${request.method} ${request.path}`)
}

/** Every request as `METHOD path`. */
export function requestLines(fake: FakeGitHub): string[] {
  return fake.requests.map((request) => `${request.method} ${request.path}`)
}
