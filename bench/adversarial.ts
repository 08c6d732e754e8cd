// Small bodies where a regex and a markdown-aware parser can read a form differently. Each case
// says what a person reading the rendered issue sees (`reader`), field by field, so the
// comparison can say which parser got it right, not only that they differ.

/** A form with every field type, and options that hold `, ` themselves. */
export const ADVERSARIAL_TEMPLATE = `name: Adversarial
description: Every field type, for comparing parsers.
labels: [incident]
body:
  - type: input
    id: started
    attributes:
      label: Started
    validations:
      required: true
  - type: dropdown
    id: impact
    attributes:
      label: Impact
      options:
        - 'None: no customer impact'
        - 'Low: a few customers, minor disruption'
        - 'High: many customers or several regions'
    validations:
      required: true
  - type: dropdown
    id: regions
    attributes:
      label: Regions
      multiple: true
      options:
        - Frankfurt, Germany
        - Tokyo, Japan
        - us-east-1
  - type: textarea
    id: summary
    attributes:
      label: What happened
    validations:
      required: true
  - type: textarea
    id: logs
    attributes:
      label: Logs
      render: shell
  - type: checkboxes
    id: checks
    attributes:
      label: Follow-up
      options:
        - label: Paged the on-call
        - label: Wrote a post-mortem
`

/** A field's value as a reader understands it; null is "left empty". */
export type ReaderValue = string | string[] | { selected: string[]; unselected: string[] } | null

/** One adversarial body. */
export type AdversarialCase = {
  name: string
  body: string
  /** What a person reading the rendered issue takes each listed field to say. */
  reader: Record<string, ReaderValue>
}

const section = (label: string, value: string): string => `### ${label}\n\n${value}`

/** A body as GitHub renders the adversarial form, with `overrides` for some fields' values. */
function body(overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    Started: '2024-05-01 10:00 UTC',
    Impact: 'Low: a few customers, minor disruption',
    Regions: 'us-east-1',
    'What happened': 'A deploy broke the cache.',
    Logs: '```shell\nerror: cache miss storm\n```',
    'Follow-up': '- [X] Paged the on-call\n- [ ] Wrote a post-mortem',
    ...overrides,
  }
  return Object.entries(values)
    .map(([label, value]) => section(label, value))
    .join('\n\n')
}

const boxes = { selected: ['Paged the on-call'], unselected: ['Wrote a post-mortem'] }

/** The cases, each small enough to read in the table. */
export const ADVERSARIAL_CASES: AdversarialCase[] = [
  {
    name: 'clean body, as GitHub renders it',
    body: body(),
    reader: {
      started: '2024-05-01 10:00 UTC',
      impact: ['Low: a few customers, minor disruption'],
      regions: ['us-east-1'],
      summary: 'A deploy broke the cache.',
      logs: 'error: cache miss storm',
      checks: boxes,
    },
  },
  {
    name: '`### Impact` inside a code fence',
    body: body({
      'What happened': 'The runbook said:\n\n```\n### Impact\nnone expected\n```\n\nIt was wrong.',
    }),
    reader: {
      impact: ['Low: a few customers, minor disruption'],
      summary: 'The runbook said:\n\n```\n### Impact\nnone expected\n```\n\nIt was wrong.',
    },
  },
  {
    name: 'unknown `### ` heading inside a fence',
    body: body({ 'What happened': '```nginx\n### upstream pools\nupstream api {}\n```' }),
    reader: { summary: '```nginx\n### upstream pools\nupstream api {}\n```' },
  },
  {
    name: 'CRLF line breaks',
    body: body().replace(/\n/g, '\r\n'),
    reader: {
      started: '2024-05-01 10:00 UTC',
      summary: 'A deploy broke the cache.',
      logs: 'error: cache miss storm',
      checks: boxes,
    },
  },
  {
    name: '`_No response_` inside text',
    body: body({ 'What happened': 'The API gave _No response_ for ten minutes.' }),
    reader: { summary: 'The API gave _No response_ for ten minutes.' },
  },
  {
    name: 'empty fields: `_No response_`, `None`',
    body: body({ Regions: 'None', Logs: '_No response_', 'Follow-up': '_No response_' }),
    reader: { regions: null, logs: null, checks: null },
  },
  {
    name: 'multi-select, options holding `, `',
    body: body({ Regions: 'Frankfurt, Germany, Tokyo, Japan' }),
    reader: { regions: ['Frankfurt, Germany', 'Tokyo, Japan'] },
  },
  {
    name: 'checkboxes: `[x]`, `*` bullets, a note line',
    body: body({
      'Follow-up': '* [x] Paged the on-call\n- [ ] Wrote a post-mortem\n\n(post-mortem next week)',
    }),
    reader: { checks: boxes },
  },
  {
    name: 'unknown top-level `### Timeline` heading',
    body: body({ 'What happened': 'A deploy broke the cache.\n\n### Timeline\n\n10:00 deploy' }),
    reader: { summary: 'A deploy broke the cache.\n\n### Timeline\n\n10:00 deploy' },
  },
  {
    name: 'sections reordered by hand',
    body: [
      section('What happened', 'A deploy broke the cache.'),
      section('Impact', 'Low: a few customers, minor disruption'),
      section('Started', '2024-05-01 10:00 UTC'),
    ].join('\n\n'),
    reader: {
      started: '2024-05-01 10:00 UTC',
      impact: ['Low: a few customers, minor disruption'],
      summary: 'A deploy broke the cache.',
    },
  },
  {
    name: 'heading edited: other case, closing `###`',
    body: body()
      .replace('### What happened', '### what happened')
      .replace('### Started', '### Started ###'),
    reader: {
      started: '2024-05-01 10:00 UTC',
      regions: ['us-east-1'],
      summary: 'A deploy broke the cache.',
    },
  },
  {
    name: '`####` sub-heading in text',
    body: body({ 'What happened': 'A deploy broke the cache.\n\n#### Root cause\n\nA typo.' }),
    reader: { summary: 'A deploy broke the cache.\n\n#### Root cause\n\nA typo.' },
  },
  {
    name: '`###` in the middle of a line',
    body: body({ 'What happened': 'The log said ###ERROR### all night.' }),
    reader: { summary: 'The log said ###ERROR### all night.' },
  },
  {
    name: 'a section written twice',
    body: `${body()}\n\n${section('Started', '2024-05-02 11:00 UTC')}`,
    reader: { started: '2024-05-01 10:00 UTC', checks: boxes },
  },
  {
    name: '`render: shell` textarea holding `### `',
    body: body({ Logs: '```shell\n### retrying\nerror: timeout\n```' }),
    reader: { logs: '### retrying\nerror: timeout' },
  },
  {
    name: 'heading quoted in a block quote',
    body: body({ 'What happened': 'Someone wrote:\n\n> ### Impact\n> None: no customer impact' }),
    reader: {
      impact: ['Low: a few customers, minor disruption'],
      summary: 'Someone wrote:\n\n> ### Impact\n> None: no customer impact',
    },
  },
]
