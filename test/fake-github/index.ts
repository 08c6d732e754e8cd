/** A local fake of GitHub's REST API for tests; see README.md beside this file. */
export {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
  type RecordedRequest,
} from './server.js'
export {
  A_PERSON,
  FakeRepo,
  type AuthorAssociation,
  type CommentRecord,
  type IssueRecord,
  type IssueSeed,
  type LabelRecord,
  type PullRecord,
  type RepoOptions,
  type StateReason,
} from './repo-state.js'
export { FaultPlan, faultReply, type Fault, type FaultMatch, type FaultRule } from './faults.js'
export {
  EMPTY_TREE_SHA,
  GitStore,
  hashObject,
  type GitBlob,
  type GitCommit,
  type GitObject,
  type GitPerson,
  type GitTree,
  type GitTreeEntry,
  type TreeChange,
} from './git-objects.js'
export type {
  Issue,
  IssueComment,
  Label,
  SimpleUser,
  FullRepository,
  Repository,
} from './shapes.js'
export type { PullRequest, PullRequestSimple } from './pull-shapes.js'
export type { PermissionLevel, TokenPermissions } from './world.js'
export { MAX_BODY_CHARACTERS, type Reply } from './reply.js'
