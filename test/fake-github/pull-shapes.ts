import type { components } from '@octokit/openapi-types'
import type { FakeRepo, IssueRecord, PullRecord } from './repo-state.js'
import { buildLabel, buildRepository, buildUser, repoApi } from './shapes.js'
import type { FakeWorld } from './world.js'

type Schemas = components['schemas']

/** `GET /pulls/{n}`, `POST /pulls`, `PATCH /pulls/{n}`. */
export type PullRequest = Schemas['pull-request']
/** An item of `GET /pulls`, and the answer of `POST /pulls/{n}/requested_reviewers`. */
export type PullRequestSimple = Schemas['pull-request-simple']

const HTML = 'https://github.com'

/** The full pull request, with counts computed from the git objects. */
export function buildPull(world: FakeWorld, repo: FakeRepo, record: IssueRecord): PullRequest {
  const pull = requirePull(record)
  repo.refreshPull(record)
  const common = buildCommon(world, repo, record, pull)
  const diff = diffStats(repo, pull)
  return {
    ...common,
    requested_teams: pull.requestedTeams.map((slug) => buildTeamSimple(world, repo, slug)),
    merged: pull.mergedAt !== null,
    mergeable: record.state === 'open' ? true : null,
    rebaseable: record.state === 'open' ? true : null,
    mergeable_state: record.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.mergedBy === null ? null : buildUser(world, pull.mergedBy),
    comments: repo.commentRecords.filter((c) => c.issueNumber === record.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    ...diff,
  } satisfies PullRequest
}

/** The list item shape of a pull request. */
export function buildPullSimple(
  world: FakeWorld,
  repo: FakeRepo,
  record: IssueRecord,
): PullRequestSimple {
  const pull = requirePull(record)
  repo.refreshPull(record)
  const common = buildCommon(world, repo, record, pull)
  return {
    ...common,
    labels: common.labels.map((label) => ({ ...label, description: label.description ?? '' })),
    requested_teams: pull.requestedTeams.map((slug) => buildTeam(world, repo, slug)),
  } satisfies PullRequestSimple
}

function requirePull(record: IssueRecord): PullRecord {
  if (record.pull === undefined) throw new Error(`#${record.number} is not a pull request`)
  return record.pull
}

function buildCommon(world: FakeWorld, repo: FakeRepo, record: IssueRecord, pull: PullRecord) {
  const api = `${repoApi(world, repo)}/pulls/${record.number}`
  const issueApi = `${repoApi(world, repo)}/issues/${record.number}`
  const html = `${HTML}/${repo.fullName}/pull/${record.number}`
  const owner = buildUser(world, repo.owner)
  const repository = buildRepository(world, repo)
  const assignees = record.assignees.map((login) => buildUser(world, login))
  const link = (href: string) => ({ href })
  return {
    url: api,
    id: record.id,
    node_id: `PR_${record.id}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(world, repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApi(world, repo)}/statuses/${pull.headSha}`,
    number: record.number,
    state: record.state,
    locked: record.locked,
    title: record.title,
    user: buildUser(world, record.user),
    body: record.body,
    labels: record.labels.map((name) => buildLabel(world, repo, repo.labelRecord(name))),
    milestone: null,
    active_lock_reason: null,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewers.map((login) => buildUser(world, login)),
    head: {
      label: `${pull.headOwner}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      user: owner,
      repo: repository,
    },
    base: {
      label: `${repo.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: pull.baseSha,
      user: owner,
      repo: repository,
    },
    _links: {
      self: link(api),
      html: link(html),
      issue: link(issueApi),
      comments: link(`${issueApi}/comments`),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${repoApi(world, repo)}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(`${repoApi(world, repo)}/statuses/${pull.headSha}`),
    },
    author_association: record.authorAssociation,
    auto_merge: null,
    draft: pull.draft,
  }
}

/** Commits on head not on base, and files that differ between their trees. */
function diffStats(
  repo: FakeRepo,
  pull: PullRecord,
): Pick<PullRequest, 'commits' | 'additions' | 'deletions' | 'changed_files'> {
  const onBase = repo.git.ancestors(pull.baseSha)
  const commits = [...repo.git.ancestors(pull.headSha)].filter((sha) => !onBase.has(sha)).length
  const headTree = repo.git.commit(pull.headSha)?.tree
  const baseTree = repo.git.commit(pull.baseSha)?.tree
  const headFiles = headTree === undefined ? new Map<string, string>() : repo.git.files(headTree)
  const baseFiles = baseTree === undefined ? new Map<string, string>() : repo.git.files(baseTree)
  const lines = (sha: string | undefined) =>
    sha === undefined ? 0 : (repo.git.blob(sha)?.content.toString('utf8').split('\n').length ?? 0)
  let additions = 0
  let deletions = 0
  let changed = 0
  for (const path of new Set([...headFiles.keys(), ...baseFiles.keys()])) {
    const head = headFiles.get(path)
    const base = baseFiles.get(path)
    if (head === base) continue
    changed += 1
    // Whole-file counts: a real line diff is beyond what tests of this fake need.
    additions += lines(head)
    deletions += lines(base)
  }
  return { commits, additions, deletions, changed_files: changed }
}

function teamUrls(world: FakeWorld, repo: FakeRepo, slug: string) {
  const api = `${world.url}/orgs/${repo.owner}/teams/${slug}`
  return {
    id: teamId(slug),
    node_id: `T_${teamId(slug)}`,
    url: api,
    html_url: `${HTML}/orgs/${repo.owner}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: 'organization' as const,
  }
}

function buildTeamSimple(world: FakeWorld, repo: FakeRepo, slug: string): Schemas['team-simple'] {
  return teamUrls(world, repo, slug) satisfies Schemas['team-simple']
}

function buildTeam(world: FakeWorld, repo: FakeRepo, slug: string): Schemas['team'] {
  return { ...teamUrls(world, repo, slug), parent: null } satisfies Schemas['team']
}

/** A stable small id per team slug. */
function teamId(slug: string): number {
  let hash = 0
  for (const char of slug) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000
  return hash + 1
}
