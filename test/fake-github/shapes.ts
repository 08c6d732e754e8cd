import type { components } from '@octokit/openapi-types'
import type { CommentRecord, FakeRepo, IssueRecord, LabelRecord } from './repo-state.js'
import type { FakeWorld } from './world.js'

type Schemas = components['schemas']

/** An issue as the REST API returns it. */
export type Issue = Schemas['issue']
/** A comment on an issue or pull request. */
export type IssueComment = Schemas['issue-comment']
/** A label as returned by the label endpoints. */
export type Label = Schemas['label']
/** A user as embedded in other objects. */
export type SimpleUser = Schemas['simple-user']
/** `GET /repos/{owner}/{repo}`. */
export type FullRepository = Schemas['full-repository']
/** A repository as embedded in pull requests. */
export type Repository = Schemas['repository']

const HTML = 'https://github.com'

/** A user in GitHub's `simple-user` shape, with a stable id per login. */
export function buildUser(world: FakeWorld, login: string): SimpleUser {
  const user = world.user(login)
  const api = `${world.url}/users/${encodeURIComponent(user.login)}`
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${HTML}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  } satisfies SimpleUser
}

/** A label with every field GitHub fills in. */
export function buildLabel(world: FakeWorld, repo: FakeRepo, label: LabelRecord): Label {
  return {
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${repoApi(world, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  } satisfies Label
}

/** The API URL of a repository on the fake's own origin. */
export function repoApi(world: FakeWorld, repo: FakeRepo): string {
  return `${world.url}/repos/${repo.owner}/${repo.name}`
}

/** The repository as embedded in pull requests (`repository`). */
export function buildRepository(world: FakeWorld, repo: FakeRepo): Repository {
  return repositoryFields(world, repo) satisfies Repository
}

/** `GET /repos/{owner}/{repo}` (`full-repository`). */
export function buildFullRepository(world: FakeWorld, repo: FakeRepo): FullRepository {
  return {
    ...repositoryFields(world, repo),
    network_count: 0,
    subscribers_count: 0,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
  } satisfies FullRepository
}

/** The fields both repository shapes share, typed by inference so each shape checks them. */
function repositoryFields(world: FakeWorld, repo: FakeRepo) {
  const api = repoApi(world, repo)
  const html = `${HTML}/${repo.fullName}`
  const permissions = repoPermissions(repo)
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    license: null,
    forks: 0,
    permissions,
    owner: buildUser(world, repo.owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: html,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: repo.openIssueCount(),
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: true,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    watchers: 0,
    open_issues: repo.openIssueCount(),
  }
}

/** The token's repository permissions as `GET /repos` reports them. */
function repoPermissions(repo: FakeRepo): NonNullable<FullRepository['permissions']> {
  const push = repo.tokenPermissions.contents === 'write'
  return { admin: false, maintain: false, push, triage: push, pull: true }
}

/** An issue, or a pull request seen as an issue (with its `pull_request` key). */
export function buildIssue(world: FakeWorld, repo: FakeRepo, record: IssueRecord): Issue {
  const api = `${repoApi(world, repo)}/issues/${record.number}`
  const kind = record.pull === undefined ? 'issues' : 'pull'
  const html = `${HTML}/${repo.fullName}/${kind}/${record.number}`
  const assignees = record.assignees.map((login) => buildUser(world, login))
  const issue: Issue = {
    url: api,
    repository_url: repoApi(world, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: record.id,
    node_id: `I_${record.id}`,
    number: record.number,
    title: record.title,
    user: buildUser(world, record.user),
    labels: record.labels.map((name) => buildLabel(world, repo, repo.labelRecord(name))),
    state: record.state,
    locked: record.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: repo.commentRecords.filter((c) => c.issueNumber === record.number).length,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt,
    author_association: record.authorAssociation,
    active_lock_reason: null,
    body: record.body,
    closed_by: null,
    reactions: reactions(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: record.stateReason,
  }
  if (record.pull !== undefined) {
    const pullApi = `${repoApi(world, repo)}/pulls/${record.number}`
    issue.draft = record.pull.draft
    issue.pull_request = {
      url: pullApi,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: record.pull.mergedAt,
    }
  }
  return issue
}

/** A comment on an issue or pull request. */
export function buildComment(
  world: FakeWorld,
  repo: FakeRepo,
  record: CommentRecord,
): IssueComment {
  const kind = repo.issueRecords.get(record.issueNumber)?.pull === undefined ? 'issues' : 'pull'
  return {
    url: `${repoApi(world, repo)}/issues/comments/${record.id}`,
    html_url: `${HTML}/${repo.fullName}/${kind}/${record.issueNumber}#issuecomment-${record.id}`,
    issue_url: `${repoApi(world, repo)}/issues/${record.issueNumber}`,
    id: record.id,
    node_id: `IC_${record.id}`,
    user: buildUser(world, record.user),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    author_association: record.authorAssociation,
    body: record.body,
    reactions: reactions(`${repoApi(world, repo)}/issues/comments/${record.id}/reactions`),
    performed_via_github_app: null,
  } satisfies IssueComment
}

function reactions(url: string): Schemas['reaction-rollup'] {
  return {
    url,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  }
}
