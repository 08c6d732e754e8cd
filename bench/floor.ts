// The floor: the least any client must do to read the same issues. It pages the same listings
// the action made (the first-page URLs come from the fake's log of the action's run), one
// request at a time, with `fetch` and `JSON.parse`, and nothing else. Run as its own process,
// spawned like the action, so the two wall times and peak memories compare like with like.
//
// argv[2]: JSON `{ token, urls }`. Prints JSON `{ requests, items }` on stdout.

const { token, urls } = JSON.parse(process.argv[2] ?? '{}') as { token: string; urls: string[] }

let requests = 0
let items = 0
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
process.stdout.write(JSON.stringify({ requests, items }))
