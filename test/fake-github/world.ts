/** What the token may do in one repository, per GitHub Actions permission scope. */
export type TokenPermissions = {
  contents: PermissionLevel
  issues: PermissionLevel
  pull_requests: PermissionLevel
}

/** One scope's level, as a workflow's `permissions:` block sets it. */
export type PermissionLevel = 'none' | 'read' | 'write'

/** A user the fake has seen, with the id it was given. */
export type UserRecord = { login: string; id: number; type: 'User' | 'Bot' | 'Organization' }

/** State shared by every repository of one fake: clock, ids, users, its own origin. */
export class FakeWorld {
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  url = ''
  private lastId = 1000
  private readonly users = new Map<string, UserRecord>()

  constructor(
    readonly token: string,
    /** The login the token acts as; it authors what the API creates. */
    readonly actor: string,
    readonly now: () => Date,
  ) {}

  /** A fresh id, unique across the fake, for issues, comments, labels and repositories. */
  nextId(): number {
    this.lastId += 1
    return this.lastId
  }

  /** The user with this login, created on first mention so every login has a stable id. */
  user(login: string, type?: UserRecord['type']): UserRecord {
    const key = login.toLowerCase()
    const existing = this.users.get(key)
    if (existing !== undefined) return existing
    const created: UserRecord = {
      login,
      id: this.nextId(),
      type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    }
    this.users.set(key, created)
    return created
  }
}
