import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadTemplates, type Templates } from '../../src/forms/load-templates.js'
import type { Inputs } from '../../src/inputs.js'
import { VALIDATION_MARKER } from '../../src/validate/render-validation-comment.js'
import { validateIssueEvent, type ValidateResult } from '../../src/validate/validate-issue-event.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { collectingLogger, fakeClient, requestLines, writes } from '../github/helpers.js'
import {
  examplePayload,
  expectGolden,
  formBody,
  incidentBody,
  issuesPayload,
  validateInputs,
} from './fixtures.js'

const REPOSITORY = 'acme/infra'
const NOW = new Date('2024-05-07T16:00:00Z')
const ISSUE = `/repos/${REPOSITORY}/issues/1`
const COMMENTS = `${ISSUE}/comments`

// Problems the conversion finds in fields that are filled in, so that the lists below are the
// model's words (an empty required field is reported by the parser as well).
const INVALID = incidentBody({
  started: '2024-05-02 26:00 EDT',
  duration: 'a while',
  impact: 'High: many customers or several regions',
  summary: 'DNS resolvers fell over.',
})
const STILL_INVALID = incidentBody({
  started: '2024-05-02 12:30 EDT',
  duration: 'a while',
  impact: 'High: many customers or several regions',
  summary: 'DNS resolvers fell over.',
})
const VALID = incidentBody({
  started: '2024-05-02 12:30 EDT',
  duration: '1h 30m',
  impact: 'High: many customers or several regions',
  summary: 'DNS resolvers fell over. @ana restarted them.',
})

let fake: FakeGitHub
let repo: FakeRepo
let templates: Templates

beforeEach(async () => {
  fake = await startFakeGitHub({ now: () => NOW })
  repo = fake.addRepo(REPOSITORY)
  templates = await loadTemplates({
    incidentPath: '',
    highlightPath: '',
    read: () => Promise.reject(new Error('the shipped forms are embedded')),
  })
})

afterEach(async () => {
  await fake.close()
})

/** Runs the validator for an `issues` event on issue #1 as the fake has it now. */
async function run(
  action: string,
  raw: Partial<Record<keyof Inputs, string>> = {},
  extra: Record<string, unknown> = {},
  log = collectingLogger(),
): Promise<ValidateResult> {
  return validateIssueEvent({
    client: fakeClient(fake, log),
    inputs: validateInputs(raw),
    templates,
    event: issuesPayload(action, issueNow(), REPOSITORY, extra),
    eventName: 'issues',
    repository: REPOSITORY,
    now: NOW,
    log,
  })
}

/** Issue #1 as the fake has it now. */
function issueNow() {
  const issue = repo.issue(1)
  if (issue === undefined) throw new Error('issue #1 was never added')
  return issue
}

function labelsNow(): (string | undefined)[] {
  return issueNow().labels.map((label) => (typeof label === 'string' ? label : label.name))
}

function markerComments() {
  return repo.comments(1).filter((comment) => comment.body?.startsWith(VALIDATION_MARKER))
}

function onlyComment() {
  const comments = markerComments()
  expect(comments).toHaveLength(1)
  const [comment] = comments
  if (comment === undefined) throw new Error('no comment')
  return comment
}

describe('validateIssueEvent against the fake GitHub', () => {
  it('keeps one comment from the first invalid version of an issue to its fixed one', async () => {
    repo.addIssue({
      number: 1,
      title: '[Incident]: DNS outage',
      labels: ['incident'],
      body: INVALID,
    })

    const opened = await run('opened')
    expect(opened).toMatchObject({ outcome: 'invalid', issue: 1, comment: 'created' })
    expect(opened.problems).toEqual([
      'Started: "2024-05-02 26:00 EDT" is not a real time: hours run from 00 to 23',
      'Duration: "a while" is not a duration; write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes',
    ])
    expect(requestLines(fake)).toEqual([
      `GET ${ISSUE}`,
      `GET ${COMMENTS}`,
      `POST ${COMMENTS}`,
      `GET ${COMMENTS}`,
    ])
    const first = onlyComment()
    await expectGolden('invalid-incident/comment.md', first.body ?? '')

    // Still invalid, differently: the same comment says so.
    repo.editIssue(1, { body: STILL_INVALID })
    fake.resetRequests()
    const edited = await run('edited')
    expect(edited).toMatchObject({ outcome: 'invalid', comment: 'updated' })
    expect(edited.problems).toEqual([
      'Duration: "a while" is not a duration; write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes',
    ])
    expect(writes(fake)).toEqual([`PATCH /repos/${REPOSITORY}/issues/comments/${first.id}`])
    expect(onlyComment().id).toBe(first.id)
    expect(onlyComment().body).not.toContain('Started')

    // Fixed: the comment is kept and says all is well, with the preview.
    repo.editIssue(1, { body: VALID })
    fake.resetRequests()
    const fixed = await run('edited')
    expect(fixed).toMatchObject({ outcome: 'valid', comment: 'updated', problems: [] })
    expect(writes(fake)).toEqual([`PATCH /repos/${REPOSITORY}/issues/comments/${first.id}`])
    const fine = onlyComment()
    expect(fine.id).toBe(first.id)
    await expectGolden('fixed-incident/comment.md', fine.body ?? '')

    // Edited again without changing what matters: nothing is written.
    repo.editIssue(1, { title: 'DNS outage' })
    fake.resetRequests()
    const again = await run('edited')
    expect(again).toMatchObject({ outcome: 'valid', comment: 'unchanged' })
    expect(writes(fake)).toEqual([])
    expect(requestLines(fake)).toEqual([`GET ${ISSUE}`, `GET ${COMMENTS}`])
    expect(onlyComment().body).toBe(fine.body)
  })

  it('reads the issue as the API has it now, not as the payload had it', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    const stale = issuesPayload('opened', issueNow(), REPOSITORY)
    repo.editIssue(1, { body: VALID })
    const result = await validateIssueEvent({
      client: fakeClient(fake),
      inputs: validateInputs(),
      templates,
      event: stale,
      eventName: 'issues',
      repository: REPOSITORY,
      now: NOW,
      log: collectingLogger(),
    })
    expect(result).toMatchObject({ outcome: 'valid', comment: 'none' })
    expect(writes(fake)).toEqual([])
  })

  it('ignores an issue without the incident or highlight label and sends no request', async () => {
    repo.addIssue({ number: 1, labels: ['bug'], body: INVALID })
    const result = await run('opened')
    expect(result).toEqual({
      outcome: 'ignored',
      issue: 1,
      problems: [],
      comment: 'none',
      reason: '#1 carries neither the `incident` nor the `highlight` label',
    })
    expect(fake.requests).toEqual([])
  })

  it('ignores an issue whose label was removed since the event, after one GET', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    const payload = issuesPayload('opened', issueNow(), REPOSITORY)
    repo.editIssue(1, { labels: [] })
    const result = await validateIssueEvent({
      client: fakeClient(fake),
      inputs: validateInputs(),
      templates,
      event: payload,
      eventName: 'issues',
      repository: REPOSITORY,
      now: NOW,
      log: collectingLogger(),
    })
    expect(result).toMatchObject({ outcome: 'ignored', comment: 'none' })
    expect(requestLines(fake)).toEqual([`GET ${ISSUE}`])
  })

  it('ignores pull request events and issues events about pull requests', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    const base = {
      client: fakeClient(fake),
      inputs: validateInputs(),
      templates,
      repository: REPOSITORY,
      now: NOW,
      log: collectingLogger(),
    }
    const pullRequest = examplePayload('pull_request', 'opened')
    expect(
      await validateIssueEvent({ ...base, event: pullRequest, eventName: 'pull_request' }),
    ).toMatchObject({ outcome: 'ignored', issue: null, comment: 'none' })
    // GitHub's own example of an `issues` event on a pull request (it has `issue.pull_request`).
    const onPull = examplePayload('issues', 'milestoned')
    expect((onPull.issue as Record<string, unknown>).pull_request).toBeDefined()
    expect(await validateIssueEvent({ ...base, event: onPull, eventName: 'issues' })).toMatchObject(
      { outcome: 'ignored', reason: 'the event is about a pull request' },
    )
    const comment = examplePayload('issue_comment', 'created')
    expect(
      await validateIssueEvent({ ...base, event: comment, eventName: 'issue_comment' }),
    ).toMatchObject({ outcome: 'ignored' })
    expect(fake.requests).toEqual([])
  })

  it('asks a maintainer to confirm an outsider’s issue, then validates it once confirmed', async () => {
    const secret = 'SECRET-CONTENT-@someone <script>'
    repo.addIssue({
      number: 1,
      title: `[Incident]: ${secret}`,
      labels: ['incident'],
      body: incidentBody({ started: 'yesterday', summary: secret }),
      user: 'stranger',
      author_association: 'NONE',
    })
    const outsider = await run('opened')
    expect(outsider).toMatchObject({
      outcome: 'needs-confirmation',
      comment: 'created',
      problems: [],
    })
    const asked = onlyComment()
    expect(asked.body).not.toContain('SECRET')
    expect(asked.body).not.toContain('yesterday')
    await expectGolden('needs-confirmation/comment.md', asked.body ?? '')

    // Editing does not change what is asked, and writes nothing.
    repo.editIssue(1, { body: incidentBody({ started: 'today' }) })
    fake.resetRequests()
    expect(await run('edited')).toMatchObject({
      outcome: 'needs-confirmation',
      comment: 'unchanged',
    })
    expect(writes(fake)).toEqual([])

    // A maintainer adds the confirmed label: the form is checked and the same comment updated.
    repo.editIssue(1, { labels: ['incident', 'infra-log:confirmed'] })
    const confirmed = await run('labeled', {}, { label: { name: 'infra-log:confirmed' } })
    expect(confirmed).toMatchObject({ outcome: 'invalid', comment: 'updated' })
    expect(confirmed.problems).toContainEqual(
      expect.stringMatching(/^Started: "today" is not a time/),
    )
    expect(onlyComment().id).toBe(asked.id)
    expect(onlyComment().body).not.toContain('@someone')
  })

  it('leaves one comment when two events for the same issue run at once', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    const results = await Promise.all([
      run('opened'),
      run('labeled', {}, { label: { name: 'incident' } }),
    ])
    expect(results.map((result) => result.outcome)).toEqual(['invalid', 'invalid'])
    expect(markerComments()).toHaveLength(1)
    // Whether or not both created one, one run's comment is the one left, and the other run
    // reports it as unchanged.
    expect(results.map((result) => result.comment).sort()).toEqual(['created', 'unchanged'])
  })

  it('deletes its own duplicate when another run created a comment first', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    // The first run's comment waits while the second lists no comment and creates its own.
    fake.faults.add({ match: { method: 'POST', path: COMMENTS, nth: 1 }, fault: { delayMs: 300 } })
    const slow = run('opened')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const quick = run('edited')
    const [slowResult, quickResult] = await Promise.all([slow, quick])
    expect(quickResult.comment).toBe('created')
    expect(slowResult.comment).toBe('unchanged')
    const kept = onlyComment()
    const deleted = fake.requests.filter((request) => request.method === 'DELETE')
    expect(deleted).toHaveLength(1)
    expect(deleted[0]?.path).not.toBe(`/repos/${REPOSITORY}/issues/comments/${kept.id}`)
    expect(kept.body).toContain('cannot go in the infra log yet')
  })

  it('updates the oldest of several comments an earlier race left and deletes the rest', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: VALID })
    const bot = { user: 'github-actions[bot]', author_association: 'NONE' as const }
    const oldest = repo.addComment(1, `${VALIDATION_MARKER}\nold`, bot)
    const newer = repo.addComment(1, `${VALIDATION_MARKER}\nnewer`, bot)
    // Someone quoting the marker is not infra-log: their comment is left alone.
    const quoted = repo.addComment(1, `${VALIDATION_MARKER}\nnot the bot`, {
      user: 'mallory',
      author_association: 'NONE',
    })
    const result = await run('edited')
    expect(result).toMatchObject({ outcome: 'valid', comment: 'updated' })
    expect(writes(fake)).toEqual([
      `DELETE /repos/${REPOSITORY}/issues/comments/${newer.id}`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${oldest.id}`,
    ])
    expect(repo.comments(1).map((comment) => comment.id)).toEqual([oldest.id, quoted.id])
  })

  it('adds the needs-details label while there are problems and removes it once fixed', async () => {
    const inputs = { 'needs-details-label': 'needs details' }
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    expect(await run('opened', inputs)).toMatchObject({ outcome: 'invalid', comment: 'created' })
    expect(writes(fake)).toEqual([`POST ${COMMENTS}`, `POST ${ISSUE}/labels`])
    expect(labelsNow()).toEqual(['incident', 'needs details'])

    // Its own label change starts another run (with an App token): nothing to do.
    fake.resetRequests()
    const own = await run('labeled', inputs, { label: { name: 'needs details' } })
    expect(own).toMatchObject({ outcome: 'ignored', comment: 'none' })
    expect(fake.requests).toEqual([])

    repo.editIssue(1, { body: VALID })
    fake.resetRequests()
    expect(await run('edited', inputs)).toMatchObject({ outcome: 'valid', comment: 'updated' })
    expect(writes(fake)).toEqual([
      `PATCH /repos/${REPOSITORY}/issues/comments/${onlyComment().id}`,
      `DELETE ${ISSUE}/labels/needs details`,
    ])
    expect(labelsNow()).toEqual(['incident'])
  })

  it('takes a needs-details label that someone removed first as removed', async () => {
    const inputs = { 'needs-details-label': 'needs details' }
    repo.addIssue({ number: 1, labels: ['incident', 'needs details'], body: VALID })
    fake.faults.add({
      match: { method: 'DELETE', path: `${ISSUE}/labels/needs details` },
      fault: { before: () => void repo.editIssue(1, { labels: ['incident'] }) },
    })
    const result = await run('edited', inputs)
    expect(result).toMatchObject({ outcome: 'valid', comment: 'none' })
    expect(result.reason).toBe('#1 is valid; comment none, label `needs details` removed')
    expect(fake.requests.at(-1)?.status).toBe(404)
  })

  it('writes nothing in a dry run, and logs what it would write', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    const log = collectingLogger()
    const result = await run(
      'opened',
      { 'dry-run': 'true', 'needs-details-label': 'needs details' },
      {},
      log,
    )
    expect(result).toMatchObject({ outcome: 'invalid', comment: 'created' })
    expect(result.reason).toBe(
      '#1 has 2 problems; comment created, label `needs details` added (dry run: nothing written)',
    )
    expect(writes(fake)).toEqual([])
    expect(repo.comments(1)).toEqual([])
    expect(
      log.lines.find((line) => line.startsWith('info: Dry run: would comment on #1:')),
    ).toContain(VALIDATION_MARKER)
    expect(log.lines).toContain('info: Dry run: would add the label `needs details` on #1')
  })

  it('comments on an issue valid from the start only with comment-on-valid', async () => {
    repo.addIssue({ number: 1, title: '[Incident]: DNS outage', labels: ['incident'], body: VALID })
    expect(await run('opened')).toMatchObject({ outcome: 'valid', comment: 'none' })
    expect(writes(fake)).toEqual([])
    expect(repo.comments(1)).toEqual([])

    fake.resetRequests()
    expect(await run('opened', { 'comment-on-valid': 'true' })).toMatchObject({
      outcome: 'valid',
      comment: 'created',
    })
    expect(writes(fake)).toEqual([`POST ${COMMENTS}`])
    // The same words as for an issue that was fixed.
    await expectGolden('fixed-incident/comment.md', onlyComment().body ?? '')
  })

  it('previews a highlight with its people and project', async () => {
    repo.addIssue({
      number: 1,
      title: 'Faster deploys',
      labels: ['highlight'],
      body: formBody([
        ['Who', 'Ana Lima, @bkumar'],
        ['What shipped', 'Deploys take 4 minutes instead of 20.'],
        ['Shipped on', '2024-05-06'],
        ['Links', undefined],
      ]),
    })
    const result = await run('opened', { 'comment-on-valid': 'true' })
    expect(result).toMatchObject({ outcome: 'valid', comment: 'created' })
    await expectGolden('valid-highlight/comment.md', onlyComment().body ?? '')
  })

  it('explains a token without issues: write in one line', async () => {
    repo.addIssue({ number: 1, labels: ['incident'], body: INVALID })
    repo.tokenPermissions = { contents: 'read', issues: 'read', pull_requests: 'read' }
    await expect(run('opened')).rejects.toThrow(
      'Could not comment on issue #1 on acme/infra: the token lacks the `issues: write` permission.',
    )
  })
})
