// The floor: the least any client must do to read the same issues. It pages the same listings
// the action made (the first-page URLs come from the fake's log of the action's run), one
// request at a time, with `fetch` and `JSON.parse`, and nothing else. Run as its own process,
// spawned like the action, so the two wall times and peak memories compare like with like.
//
// With `client: 'action'` it pages them with the action's own client instead (Octokit with its
// retry and rate-limit plugins, and src/github/list-pages.ts) and does nothing with the issues:
// the action's listing alone, between the floor and the whole run.
//
// argv[2]: JSON `{ token, urls, client?, apiUrl? }`. Prints JSON `{ requests, items }` on stdout.
import { createGitHubClient } from '../src/github/client.js'
import { listPages } from '../src/github/list-pages.js'

const { token, urls, client, apiUrl } = JSON.parse(process.argv[2] ?? '{}') as {
  token: string
  urls: string[]
  client?: 'fetch' | 'action'
  apiUrl?: string
}

let requests = 0
let items = 0
if (client === 'action') {
  const github = createGitHubClient({
    token,
    baseUrl: apiUrl ?? '',
    log: {
      info: () => undefined,
      debug: () => undefined,
      warning: (message) => process.stderr.write(`${message}\n`),
    },
    writeIntervalMs: 0,
  })
  for (const first of urls) {
    for await (const page of listPages(github, { url: first })) {
      requests += 1
      items += page.length
    }
  }
} else {
  for (const first of urls) {
    let url: string | undefined = first
    while (url !== undefined) {
      const response: Response = await fetch(url, {
        headers: {
          authorization: `token ${token}`,
          accept: 'application/vnd.github.v3+json',
          'user-agent': 'infra-log-bench-floor',
        },
      })
      requests += 1
      if (!response.ok) throw new Error(`floor: ${url} answered ${response.status}`)
      const page = JSON.parse(await response.text()) as unknown[]
      items += page.length
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1]
    }
  }
}
process.stdout.write(JSON.stringify({ requests, items }))
