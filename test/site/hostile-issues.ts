import type { GitHubIssue } from '../../src/model/issue.js'

// Issues whose every free-text field tries to run code in a published page. Each payload sets
// `window.__pwned` to its own number, so a failure says which one got through.

/** The as-of day and time zone the hostile report is rendered for. */
export const HOSTILE_AS_OF = '2024-11-12'
export const HOSTILE_TIMEZONE = 'America/New_York'

/** The incident's title: it reaches the page heading, the list entry and the diagram's tooltip. */
export const HOSTILE_INCIDENT_TITLE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Hostile {{ (window.__pwned = 3) }}'

/** Text that must show on the page as typed, character for character (zero-width spaces aside). */
export const HOSTILE_VISIBLE_TEXTS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '{{ (window.__pwned = 3) }}',
  '<script>window.__pwned = 4</script>',
  '<svg onload="window.__pwned = 8"></svg>',
  "{{ constructor.constructor('window.__pwned = 14')() }}",
]

function formBody(fields: [label: string, value: string][]): string {
  return fields.map(([label, value]) => `### ${label}\n\n${value}`).join('\n\n')
}

const repository = 'example/hostile'

/** One incident and one highlight, as `GET /repos/{owner}/{repo}/issues` would return them. */
export const HOSTILE_ISSUES: GitHubIssue[] = [
  {
    number: 901,
    title: HOSTILE_INCIDENT_TITLE,
    html_url: `https://github.com/${repository}/issues/901`,
    state: 'closed',
    created_at: '2024-11-05T15:30:00Z',
    closed_at: '2024-11-05T17:00:00Z',
    labels: [{ name: 'incident' }],
    user: { login: 'mallory' },
    author_association: 'MEMBER',
    body: formBody([
      ['Started', '2024-11-05 10:00 EST'],
      ['Resolved', '2024-11-05 11:30 EST'],
      ['Duration', '_No response_'],
      ['Impact', 'High: many customers or several regions'],
      ['Affected services', 'API'],
      ['Regions', 'iad'],
      [
        'What happened',
        [
          '<script>window.__pwned = 4</script>',
          '<img src=x onerror="window.__pwned = 5"> and [a link](javascript:window.__pwned=6)',
          'and {{ (window.__pwned = 7) }} and <svg onload="window.__pwned = 8"></svg>',
          '<iframe srcdoc="<script>parent.__pwned = 9</script>"></iframe>',
          '</svg></div></main>',
        ].join('\n'),
      ],
      ['Customer impact', '<a href="javascript:window.__pwned = 10">click me</a>'],
      [
        'Post-mortem',
        '<details open><summary>more</summary><img src=x onerror="window.__pwned = 11"></details>',
      ],
    ]),
  },
  {
    number: 902,
    title: '<img src=x onerror="window.__pwned = 13">Hostile highlight',
    html_url: `https://github.com/${repository}/issues/902`,
    state: 'closed',
    created_at: '2024-11-07T15:00:00Z',
    closed_at: '2024-11-08T15:00:00Z',
    labels: [{ name: 'highlight' }],
    user: { login: 'mallory' },
    author_association: 'MEMBER',
    body: formBody([
      ['Who', '<script>window.__pwned = 12</script>'],
      ['What shipped', "{{ constructor.constructor('window.__pwned = 14')() }}"],
      ['Shipped on', '2024-11-08'],
      ['Links', '- [docs](javascript:window.__pwned=15)'],
    ]),
  },
]
