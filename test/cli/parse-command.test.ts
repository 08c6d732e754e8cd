import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runParseCommand, type CliIo } from '../../src/cli/parse-command.js'

const fixture = (name: string, file: string) =>
  readFileSync(new URL(`../forms/fixtures/${name}/${file}`, import.meta.url), 'utf8')

const NOW = () => new Date('2024-05-03T10:00:00Z')

/** A command-line world in memory: files by path, standard input, captured output. */
function fakeIo(files: Record<string, string>, stdin = '') {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text
    },
    stderr: (text) => {
      out.stderr += text
    },
    readFile: async (path) => {
      const text = files[path]
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`)
      return text
    },
    readStdin: async () => stdin,
  }
  return { io, out }
}

async function run(args: string[], files: Record<string, string> = {}, stdin = '') {
  const { io, out } = fakeIo(files, stdin)
  const code = await runParseCommand(args, io, NOW)
  const json = out.stdout === '' ? undefined : (JSON.parse(out.stdout) as Record<string, unknown>)
  return { code, json, ...out }
}

const USAGE =
  'Usage: infra-log parse [--template FILE.yml] [--kind incident|highlight] [--timezone TZ] [--title TITLE] [BODY.md | -]\n'

const EVERY_TYPE = `name: Deploy
description: Record a deploy.
body:
  - type: markdown
    attributes:
      value: Thanks.
  - type: input
    id: version
    attributes:
      label: Version
    validations:
      required: true
  - type: textarea
    id: notes
    attributes:
      label: Notes
  - type: textarea
    id: diff
    attributes:
      label: Config diff
      render: diff
  - type: dropdown
    id: environment
    attributes:
      label: Environment
      options: [staging, production]
  - type: dropdown
    id: regions
    attributes:
      label: Regions
      multiple: true
      options: [eu-west, us-east, ap-south]
  - type: checkboxes
    id: checks
    attributes:
      label: Checks
      options:
        - label: Smoke tests pass
        - label: Rollback plan written
  - type: input
    attributes:
      label: Who approved?
`

const EVERY_TYPE_BODY = `### Version

v2.4.1

### Notes

Rolled out in **two** waves.

### Config diff

\`\`\`diff
- replicas: 3
+ replicas: 5
\`\`\`

### Environment

production

### Regions

eu-west, us-east

### Checks

- [X] Smoke tests pass
- [ ] Rollback plan written

### Who approved?

@ana`

describe('infra-log parse', () => {
  it('prints every field type of a form as JSON and exits 0 for a usable body', async () => {
    const result = await run(['--template', 'deploy.yml', 'body.md'], {
      'deploy.yml': EVERY_TYPE,
      'body.md': EVERY_TYPE_BODY,
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.json).toEqual({
      fields: {
        version: 'v2.4.1',
        notes: 'Rolled out in **two** waves.',
        diff: '- replicas: 3\n+ replicas: 5',
        environment: ['production'],
        regions: ['eu-west', 'us-east'],
        checks: { selected: ['Smoke tests pass'], unselected: ['Rollback plan written'] },
        who_approved: '@ana',
      },
      problems: [],
    })
    expect(result.stdout.endsWith('}\n')).toBe(true)
    expect(result.stdout).toContain('\n  "fields": {\n    "version": "v2.4.1",')
  })

  it('exits 2 with one problem when no heading of the form is in the body', async () => {
    const result = await run(['body.md'], {
      'body.md': '## Outage\n\nDNS was down.\n\n### When\n\nMonday',
    })
    expect(result.code).toBe(2)
    expect(result.json?.['problems']).toEqual([
      {
        kind: 'body',
        message:
          'No field of the Incident form was found: no `### ` heading in the body is one of its labels; expected headings like `### Started` and `### Resolved`, each followed by its value.',
      },
    ])
  })

  it('parses a real project’s form (Vite’s bug report) into the values the form means', async () => {
    const result = await run(
      ['--template', 'bug_report.yml', '-'],
      {
        'bug_report.yml': fixture('real-form-vite-bug-report', 'template.yml'),
      },
      fixture('real-form-vite-bug-report', 'body.md'),
    )
    expect(result.code).toBe(0)
    expect(result.json).toEqual({
      fields: {
        'bug-description':
          'With `build.cssCodeSplit: false`, `vite build` leaves out the CSS of routes that are loaded lazily.',
        reproduction: 'https://stackblitz.com/edit/vitejs-vite-css-split',
        'system-info':
          'System:\n    OS: macOS 14.4\n    CPU: (10) arm64 Apple M1 Pro\n  Binaries:\n    Node: 20.12.0 - /usr/local/bin/node\n  npmPackages:\n    vite: ^5.2.8 => 5.2.8',
        'package-manager': ['pnpm'],
        logs: '<details>\n<summary>Click to expand!</summary>\n\n```shell\nvite:config bundled config file loaded in 12.34ms\n### Validations\n```\n</details>',
        checkboxes: {
          selected: [
            'Follow our [Code of Conduct](https://github.com/vitejs/vite/blob/main/CODE_OF_CONDUCT.md)',
            'Read the [docs](https://vitejs.dev/guide).',
          ],
          unselected: [],
        },
      },
      problems: [],
    })
  })

  it('converts with --kind incident into the incident the report would show', async () => {
    const result = await run(
      [
        '--kind',
        'incident',
        '--timezone',
        'America/New_York',
        '--title',
        '[Incident]: Routing down',
        'body.md',
      ],
      { 'body.md': fixture('github-incident-full', 'body.md') },
    )
    expect(result.code).toBe(0)
    expect(result.json?.['problems']).toEqual([])
    expect(result.json?.['incident']).toEqual({
      number: 0,
      url: '',
      title: 'Routing down',
      author: 'you',
      started: '2024-04-24T16:30:00Z',
      ended: '2024-04-24T17:15:00Z',
      endSource: 'resolved',
      impact: 'high',
      services: ['API', 'Request routing'],
      regions: ['sjc', 'ams'],
      summary:
        'A bad deploy of the edge config broke routing for `/v2` paths.\n\nDetected by the 5xx alert at 12:34; rolled back at 13:10.',
      customerImpact: 'Brief but severe impact to request routing in two regions.',
      postmortem: 'https://example.com/postmortems/2024-04-24',
      notes: [],
    })
  })

  it('converts with --kind highlight, reading standard input when no file is given', async () => {
    const result = await run(['--kind', 'highlight'], {}, fixture('github-highlight', 'body.md'))
    expect(result.code).toBe(0)
    expect(result.json?.['highlight']).toMatchObject({
      title: 'Untitled',
      author: 'you',
      who: ['Ana Lima', '@bkumar'],
      shipped: '2024-05-02',
    })
  })

  it('lists why an entry cannot be made and exits 2', async () => {
    const body = fixture('github-incident-full', 'body.md').replace(
      '2024-04-24 12:30 America/New_York',
      'yesterday afternoon',
    )
    const result = await run(['--kind', 'incident', 'body.md'], { 'body.md': body })
    expect(result.code).toBe(2)
    expect(result.json?.['problems']).toEqual([])
    expect(result.json).not.toHaveProperty('incident')
    const skipped = result.json?.['skipped'] as { reasons: string[] }
    expect(skipped.reasons.length).toBeGreaterThan(0)
    expect(skipped.reasons.every((reason) => reason.startsWith('Started: '))).toBe(true)
  })

  it('names fields by the template’s own labels in problems and reasons', async () => {
    const renamed = readFileSync(
      new URL('../../.github/ISSUE_TEMPLATE/incident.yml', import.meta.url),
      'utf8',
    ).replace('label: Started', 'label: Began')
    const result = await run(['--template', 'mine.yml', '--kind', 'incident', 'body.md'], {
      'mine.yml': renamed,
      'body.md': '### Impact\n\nLow\n\n### What happened\n\nSlow.',
    })
    expect(result.code).toBe(2)
    const problems = result.json?.['problems'] as { field?: string }[]
    expect(problems.map((problem) => problem.field)).toEqual(['Began'])
    const skipped = result.json?.['skipped'] as { reasons: string[] }
    expect(skipped.reasons.every((reason) => reason.startsWith('Began: '))).toBe(true)
  })

  it('exits 1 and explains an invalid template', async () => {
    const result = await run(['--template', 'bad.yml', 'body.md'], {
      'bad.yml':
        'name: Bad\ndescription: d\nbody:\n  - type: dropdown\n    attributes:\n      label: Impact\n      options: []\n',
      'body.md': '### Impact\n\nLow',
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      `infra-log parse: bad.yml: body[0] (Impact): dropdown needs at least one option.\n${USAGE}`,
    )
  })

  it.each([
    [
      ['--timezone', 'Mars/Olympus'],
      'option `--timezone`: `Mars/Olympus` is not an IANA time zone (e.g. `America/New_York`, `UTC`)',
    ],
    [
      ['--kind', 'outage'],
      'option `--kind`: `outage` is not a form kind; use `incident` or `highlight`',
    ],
    [
      ['--format', 'yaml'],
      'unknown option `--format` (options: `--template`, `--kind`, `--timezone`, `--title`)',
    ],
    [['a.md', 'b.md'], 'expected one body file (or `-` for standard input), got 2: `a.md` `b.md`'],
    [
      ['missing.md'],
      "body file: `missing.md` cannot be read (ENOENT: no such file or directory, open 'missing.md')",
    ],
    [
      ['--template', 'gone.yml', '-'],
      "option `--template`: `gone.yml` cannot be read (ENOENT: no such file or directory, open 'gone.yml')",
    ],
  ])('exits 1 for %j, naming the argument', async (args, message) => {
    const result = await run(args)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`infra-log parse: ${message}\n${USAGE}`)
  })
})
