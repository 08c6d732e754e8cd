import { VALIDATION_MARKER } from './render-validation-comment.js'

/** The fields of an issue comment that decide whether infra-log wrote it. */
export type CommentLike = {
  id: number
  body?: string | null | undefined
  user?: { type?: string | undefined } | null | undefined
  author_association?: string | undefined
}

/**
 * infra-log's validation comments among an issue's comments, oldest (lowest id) first: those
 * that start with the marker and were written by a bot (`GITHUB_TOKEN`, a GitHub App) or by
 * someone in `trustedAssociations` (a personal access token's owner). An outsider who pastes
 * the marker does not get their comment taken over.
 */
export function findValidationComments<T extends CommentLike>(
  comments: readonly T[],
  trustedAssociations: readonly string[],
): T[] {
  const trusted = new Set(trustedAssociations.map((association) => association.toUpperCase()))
  return comments
    .filter((comment) => (comment.body ?? '').trimStart().startsWith(VALIDATION_MARKER))
    .filter(
      (comment) =>
        comment.user?.type === 'Bot' ||
        trusted.has((comment.author_association ?? '').toUpperCase()),
    )
    .sort((a, b) => a.id - b.id)
}

/** Whether two comment bodies say the same, whatever line endings GitHub stored. */
export function isSameBody(stored: string | null | undefined, wanted: string): boolean {
  const normalize = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd()
  return normalize(stored ?? '') === normalize(wanted)
}
