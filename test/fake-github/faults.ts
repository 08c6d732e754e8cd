import { fail, REST_DOCS, type Reply } from './reply.js'

/** Which requests a rule applies to. */
export type FaultMatch = {
  /** HTTP method, any case; absent = any. */
  method?: string
  /** Decoded request path without the query: a string must equal it, a RegExp must match it. */
  path?: string | RegExp
  /** The first matching request to fault, counting from 1 (default 1). */
  nth?: number
  /** How many matching requests to fault from the nth on (default 1; `Infinity` for all). */
  times?: number
}

/** What happens to a matched request. */
export type Fault =
  /** A server error with a JSON body. */
  | { status: 500 | 502 | 503; message?: string }
  /** Too many requests with `retry-after` (GitHub's secondary limit, sent as 429). */
  | { status: 429; retryAfter: number; message?: string }
  /** 403 "You have exceeded a secondary rate limit" with `retry-after`. */
  | { secondaryRateLimit: true; retryAfter: number }
  /** 403 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` this many seconds from now. */
  | { primaryRateLimit: true; resetInSeconds: number }
  /** Waits, then handles the request normally. */
  | { delayMs: number }
  /**
   * Destroys the socket. `true`: before handling, so nothing changes. `'after-handling'`: the
   * request is handled (its writes happen), then the connection dies after the headers and half
   * the body, the way a response is lost on the way back.
   */
  | { reset: true | 'after-handling' }
  /** Runs code (e.g. a person's commit) before the request is handled. */
  | { before: () => void | Promise<void> }

/** A registered rule; `seen` counts matching requests, `fired` those it faulted. */
export type FaultRule = { match: FaultMatch; fault: Fault; seen: number; fired: number }

/** The rules a test registers; every request is checked against each of them, in order. */
export class FaultPlan {
  private readonly rules: FaultRule[] = []

  /** Registers a rule and returns it, so a test can read `seen` and `fired` afterwards. */
  add({ match, fault }: { match: FaultMatch; fault: Fault }): FaultRule {
    const rule: FaultRule = { match, fault, seen: 0, fired: 0 }
    this.rules.push(rule)
    return rule
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0
  }

  /** Rules that can still fire. */
  pending(): FaultRule[] {
    return this.rules.filter((rule) => rule.fired < (rule.match.times ?? 1))
  }

  /** The faults this request gets, counting it against every rule it matches. */
  take(method: string, path: string): Fault[] {
    const fired: Fault[] = []
    for (const rule of this.rules) {
      if (!matches(rule.match, method, path)) continue
      rule.seen += 1
      const from = rule.match.nth ?? 1
      if (rule.seen >= from && rule.fired < (rule.match.times ?? 1)) {
        rule.fired += 1
        fired.push(rule.fault)
      }
    }
    return fired
  }
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
    return false
  }
  if (match.path === undefined) return true
  return typeof match.path === 'string' ? match.path === path : match.path.test(path)
}

const RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

/**
 * The reply a status fault sends instead of the real one, or undefined for faults that do not
 * answer by themselves. `nowSeconds` is the wall clock that clients compare `x-ratelimit-reset` to.
 */
export function faultReply(fault: Fault, nowSeconds: number): Reply | undefined {
  if ('secondaryRateLimit' in fault) {
    return fail(403, secondaryMessage(), RATE_LIMIT_DOCS, {
      'retry-after': String(fault.retryAfter),
    })
  }
  if ('primaryRateLimit' in fault) {
    return fail(403, 'API rate limit exceeded for installation ID 1.', RATE_LIMIT_DOCS, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(nowSeconds + fault.resetInSeconds),
    })
  }
  if (!('status' in fault)) return undefined
  if (fault.status === 429) {
    return fail(429, fault.message ?? secondaryMessage(), RATE_LIMIT_DOCS, {
      'retry-after': String(fault.retryAfter),
    })
  }
  const defaults = { 500: 'Server Error', 502: 'Server Error', 503: 'Service Unavailable' }
  return fail(fault.status, fault.message ?? defaults[fault.status], REST_DOCS)
}

function secondaryMessage(): string {
  return (
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
    'If you reach out to GitHub Support for help, please include the request ID FAKE:0000.'
  )
}
