import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS, parseInputs } from '../src/inputs.js'

const context = { repository: 'acme/infra', workspace: '/workspace/infra' }

describe('parseInputs', () => {
  it('gives the documented defaults when nothing is set', () => {
    const inputs = parseInputs({}, context)
    expect(inputs).toMatchObject({
      mode: 'report',
      repository: ['acme/infra'],
      'incident-label': 'incident',
      'highlight-label': 'highlight',
      timezone: 'UTC',
      'incident-window-days': 14,
      'highlight-window-days': 7,
      'output-dir': 'docs/infra-log',
      site: 'plain',
      'branch-prefix': 'infra-log/',
      'pr-labels': ['infra-log'],
      reviewers: [],
      draft: false,
      'author-associations': ['OWNER', 'MEMBER', 'COLLABORATOR'],
      'overwrite-edits': false,
      'dry-run': false,
    })
  })

  it('reads lists, booleans and several repositories', () => {
    const inputs = parseInputs(
      {
        repository: 'acme/infra, acme/edge',
        reviewers: 'ana,\n bo ',
        draft: 'TRUE',
        'author-associations': 'owner,member',
        'incident-window-days': '21',
      },
      context,
    )
    expect(inputs.repository).toEqual(['acme/infra', 'acme/edge'])
    expect(inputs.reviewers).toEqual(['ana', 'bo'])
    expect(inputs.draft).toBe(true)
    expect(inputs['author-associations']).toEqual(['OWNER', 'MEMBER'])
    expect(inputs['incident-window-days']).toBe(21)
  })

  it.each([
    [
      { timezone: 'Mars/Olympus' },
      'Input `timezone`: `Mars/Olympus` is not an IANA time zone (e.g. `America/New_York`, `UTC`)',
    ],
    [{ mode: 'publish' }, 'Input `mode`: expected `report` or `validate`'],
    [
      { 'as-of': '2024-02-30' },
      'Input `as-of`: expected a date `YYYY-MM-DD` (e.g. `2024-05-07`), or empty for today',
    ],
    [
      { 'incident-window-days': '0' },
      'Input `incident-window-days`: expected a whole number of days from 1 to 366',
    ],
    [
      { 'highlight-window-days': '1.5' },
      'Input `highlight-window-days`: expected a whole number of days from 1 to 366',
    ],
    [{ draft: 'yes' }, 'Input `draft`: expected `true` or `false`'],
    [
      { site: 'gatsby' },
      'Input `site`: expected one of `plain`, `jekyll`, `docusaurus`, `mkdocs`, `hugo`, `vitepress`',
    ],
    [
      { repository: 'not a repo' },
      'Input `repository`: expected `owner/name`, or several separated by commas',
    ],
    [
      { 'author-associations': 'OWNER,FRIEND' },
      'Input `author-associations`: `FRIEND` is not one of OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN, NONE',
    ],
    [
      { 'output-dir': '../elsewhere' },
      'Input `output-dir`: `../elsewhere` is outside the repository; give a path inside it, e.g. `docs/infra-log`',
    ],
    [
      { 'output-dir': '/etc' },
      'Input `output-dir`: `/etc` is outside the repository; give a path inside it, e.g. `docs/infra-log`',
    ],
    [
      { 'incident-template': '../../secrets.yml' },
      'Input `incident-template`: `../../secrets.yml` is outside the repository; give a path inside it, e.g. `docs/infra-log`',
    ],
    [
      { 'branch-prefix': 'bad..prefix/' },
      'Input `branch-prefix`: not a valid branch name prefix (no spaces, `..`, `~^:?*[\\`, or leading `/`)',
    ],
  ])('rejects %j with a message naming the input', (raw, message) => {
    expect(() => parseInputs(raw, context)).toThrow(message)
  })

  it('takes an absolute output-dir inside the workspace as the repository path', () => {
    expect(parseInputs({ 'output-dir': '/workspace/infra/docs/log' }, context)['output-dir']).toBe(
      'docs/log',
    )
  })

  it('has a default for every input of action.yml', async () => {
    const { readFile } = await import('node:fs/promises')
    const { parse } = await import('yaml')
    const action = parse(await readFile(new URL('../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name === 'token' || name === 'repository') continue
      expect(input.default ?? '', name).toBe(INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS])
    }
  })
})
