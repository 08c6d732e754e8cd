/** The parts of an Octokit `RequestError` the adapter looks at. */
export type HttpError = {
  status: number
  message: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

/** Whether `error` is an HTTP error from the REST API (optionally with this status). */
export function isHttpError(error: unknown, status?: number): error is HttpError {
  if (typeof error !== 'object' || error === null) return false
  const candidate = error as { status?: unknown; message?: unknown }
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.message === 'string' &&
    (status === undefined || candidate.status === status)
  )
}

/**
 * GitHub's own message: `message` of the response body with the `errors` it lists
 * (`Validation Failed: A pull request already exists for acme:infra-log/2024-05-07.`),
 * else the error's.
 */
export function gitHubMessage(error: HttpError): string {
  const data = error.response?.data
  if (typeof data !== 'object' || data === null) return error.message
  const body = data as { message?: unknown; errors?: unknown }
  if (typeof body.message !== 'string') return error.message
  const details = Array.isArray(body.errors)
    ? body.errors.map(describeError).filter((text) => text !== '')
    : []
  return details.length === 0 ? body.message : `${body.message}: ${details.join('; ')}`
}

// An entry of `errors`: a message, or a code with the field it concerns, or a bare string.
function describeError(entry: unknown): string {
  if (typeof entry === 'string') return entry
  if (typeof entry !== 'object' || entry === null) return ''
  const { message, code, field } = entry as { message?: unknown; code?: unknown; field?: unknown }
  if (typeof message === 'string') return message
  if (typeof code === 'string') return typeof field === 'string' ? `${field} ${code}` : code
  return ''
}
