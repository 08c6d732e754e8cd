import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchLabelledIssues } from '../../src/github/fetch-issues.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { fakeClient, requestLines } from './helpers.js'

let fake: FakeGitHub
const NOW = new Date('2024-05-07T15:00:00Z')
const SINCE = '2024-04-10T04:00:00Z'

beforeAll(async () => {
  fake = await startFakeGitHub({ now: () => NOW })
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.faults.clear()
  fake.resetRequests()
})

let repoCount = 0
function newRepo(): FakeRepo {
  repoCount += 1
  return fake.addRepo(`acme/infra-${repoCount}`)
}

/** Issues with these labels, updated inside the look-back. */
function addIssues(repo: FakeRepo, count: number, labels: string[]): number[] {
  return Array.from(
    { length: count },
    () => repo.addIssue({ labels, updated_at: '2024-05-01T12:00:00Z' }).number,
  )
}

describe('fetchLabelledIssues', () => {
  it('pages through 250 issues in 3 requests, asking as the design says', async () => {
    const repo = newRepo()
    const numbers = addIssues(repo, 250, ['incident'])
    const { issues, invalid } = await fetchLabelledIssues({
      client: fakeClient(fake),
      repository: repo.fullName,
      labels: ['incident'],
      since: SINCE,
    })
    expect(issues.map((issue) => issue.number)).toEqual(numbers)
    expect(invalid).toEqual([])
    expect(issues.every((issue) => issue.repository === repo.fullName)).toBe(true)
    expect(requestLines(fake)).toEqual(Array(3).fill(`GET /repos/${repo.fullName}/issues`))
    expect(fake.requests[0]?.query).toEqual({
      labels: 'incident',
      state: 'all',
      since: SINCE,
      per_page: '100',
    })
    expect(fake.requests.map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3'])
  })

  it('lists each label on its own, and returns an issue with both labels once', async () => {
    const repo = newRepo()
    const incidents = addIssues(repo, 120, ['incident'])
    const both = addIssues(repo, 5, ['incident', 'highlight'])
    const highlights = addIssues(repo, 30, ['highlight'])
    const { issues } = await fetchLabelledIssues({
      client: fakeClient(fake),
      repository: repo.fullName,
      labels: ['incident', 'highlight'],
      since: SINCE,
    })
    expect(issues.map((issue) => issue.number)).toEqual([...incidents, ...both, ...highlights])
    // ⌈125/100⌉ + ⌈35/100⌉
    expect(fake.requests.map((request) => request.query.labels)).toEqual([
      'incident',
      'incident',
      'highlight',
    ])
  })

  it('keeps closed issues, leaves out issues not updated since `since` and other labels', async () => {
    const repo = newRepo()
    const open = repo.addIssue({ labels: ['incident'], updated_at: '2024-05-01T00:00:00Z' }).number
    const closed = repo.addIssue({
      labels: ['incident'],
      state: 'closed',
      updated_at: '2024-05-02T00:00:00Z',
    }).number
    repo.addIssue({
      labels: ['incident'],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00Z',
    })
    repo.addIssue({ labels: ['bug'], updated_at: '2024-05-01T00:00:00Z' })
    const { issues } = await fetchLabelledIssues({
      client: fakeClient(fake),
      repository: repo.fullName,
      labels: ['incident'],
      since: SINCE,
    })
    expect(issues.map((issue) => [issue.number, issue.state])).toEqual([
      [open, 'open'],
      [closed, 'closed'],
    ])
  })

  it('leaves out pull requests that carry the label', async () => {
    const repo = newRepo()
    const client = fakeClient(fake)
    const issue = repo.addIssue({ labels: ['incident'] }).number
    repo.createBranch('fix')
    repo.commitAsPerson('fix', { 'fix.txt': 'fixed\n' }, 'Fix')
    const { data: pull } = await client.rest.pulls.create({
      owner: 'acme',
      repo: repo.name,
      head: 'fix',
      base: 'main',
      title: 'Fix',
    })
    await client.rest.issues.addLabels({
      owner: 'acme',
      repo: repo.name,
      issue_number: pull.number,
      labels: ['incident'],
    })
    fake.resetRequests()

    const { issues, invalid } = await fetchLabelledIssues({
      client,
      repository: repo.fullName,
      labels: ['incident'],
      since: SINCE,
    })
    expect(issues.map((found) => found.number)).toEqual([issue])
    expect(invalid).toEqual([])
  })

  it('reports an item it cannot read instead of dropping it', async () => {
    const repo = newRepo()
    const [good, bad] = addIssues(repo, 2, ['incident'])
    // GitHub never sends a title of null; the schema must catch it if it ever does.
    const record = repo.issueRecords.get(bad ?? 0)
    if (record === undefined) throw new Error('no record')
    record.title = null as unknown as string
    const { issues, invalid } = await fetchLabelledIssues({
      client: fakeClient(fake),
      repository: repo.fullName,
      labels: ['incident', 'incident'],
      since: SINCE,
    })
    expect(issues.map((issue) => issue.number)).toEqual([good])
    expect(invalid).toEqual([
      {
        number: bad,
        url: repo.issue(bad ?? 0)?.html_url,
        label: 'incident',
        reason: expect.stringContaining(
          'title: Invalid input: expected string, received null',
        ) as unknown as string,
      },
    ])
    // A label given twice is listed once.
    expect(fake.requests).toHaveLength(1)
  })

  it('fails with the HTTP error when the repository cannot be read', async () => {
    await expect(
      fetchLabelledIssues({
        client: fakeClient(fake),
        repository: 'acme/missing',
        labels: ['incident'],
        since: SINCE,
      }),
    ).rejects.toMatchObject({ status: 404 })
  })
})
