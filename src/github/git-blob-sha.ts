import { createHash } from 'node:crypto'

/**
 * Git's object id of a blob holding `content` (UTF-8): the SHA-1 of `blob <size>\0<content>`.
 * Equal to a tree entry's `sha` exactly when the file's bytes are equal, so unchanged files are
 * found without uploading them.
 */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8')
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}
