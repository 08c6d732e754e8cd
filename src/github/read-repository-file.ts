import type { GitHubClient } from './client.js'
import { splitRepository } from './repository.js'
import { isHttpError } from './request-error.js'

/**
 * The text of one file of `repository` at `ref` (default branch when omitted), through the
 * contents API: the action reads a custom issue form without a checkout.
 */
export async function readRepositoryFile(params: {
  client: GitHubClient
  repository: string
  path: string
  ref?: string
}): Promise<string> {
  const { owner, repo } = splitRepository(params.repository)
  try {
    const { data } = await params.client.rest.repos.getContent({
      owner,
      repo,
      path: params.path,
      ...(params.ref === undefined ? {} : { ref: params.ref }),
    })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new Error(`\`${params.path}\` in ${params.repository} is not a file`)
    }
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (error) {
    if (isHttpError(error, 404)) {
      throw new Error(`\`${params.path}\` was not found in ${params.repository}`, { cause: error })
    }
    throw error
  }
}
