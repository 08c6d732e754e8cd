import { describe, expect, it } from 'vitest'
import { gitBlobSha } from '../../src/github/git-blob-sha.js'

describe('gitBlobSha', () => {
  // Expected values from `git hash-object --stdin`.
  it.each([
    ['', 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'],
    ['hello\n', 'ce013625030ba8dba906f756967f9e9ca394464a'],
    ['émoji 🚀\r\nline\0nul', 'bb99f7c920841a4eaf564e60bf270ac85e09ce03'],
  ])('hashes %j as git does', (content, sha) => {
    expect(gitBlobSha(content)).toBe(sha)
  })
})
