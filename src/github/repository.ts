/** An `owner/name` repository split for the REST API's path parameters. */
export function splitRepository(repository: string): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository)
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new Error(`Repository \`${repository}\` is not \`owner/name\` (e.g. \`acme/infra\`)`)
  }
  return { owner: match[1], repo: match[2] }
}
