// Names a request by its route, as GitHub's REST docs write it, so counts group by kind.

/** `GET /repos/acme/infra/issues/12/labels` → `GET /repos/{owner}/{repo}/issues/{n}/labels`. */
export function routeOf(method: string, path: string): string {
  const match = /^\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(path)
  if (match === null) return `${method} ${path}`
  const route = (match[1] ?? '')
    // A ref or a file path holds slashes: everything after the keyword is one parameter.
    .replace(/^\/git\/(refs?)\/.+$/, '/git/$1/{ref}')
    .replace(/^\/contents\/.+$/, '/contents/{path}')
    .replace(/^\/branches\/.+$/, '/branches/{branch}')
    .replace(/^\/git\/(blobs|trees|commits)\/.+$/, '/git/$1/{sha}')
    .replace(/^\/issues\/comments\/\d+$/, '/issues/comments/{id}')
    .replace(/^\/(issues|pulls)\/\d+/, '/$1/{n}')
    .replace(/\/labels\/[^/]+$/, '/labels/{name}')
  return `${method} /repos/{owner}/{repo}${route}`
}

/** Whether a request is one page of the issue listings the fetch step makes. */
export function isIssueListing(method: string, path: string): boolean {
  return method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)
}
