import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const run = promisify(execFile)

// The committed dist/ is what users run: it must be exactly what src/ bundles to today.
describe('dist/', () => {
  let fresh = ''
  afterAll(async () => {
    if (fresh !== '') await rm(fresh, { recursive: true, force: true })
  })

  it('matches a fresh bundle of src/', async () => {
    fresh = await mkdtemp(join(tmpdir(), 'infra-log-dist-'))
    await run(process.execPath, ['scripts/bundle.mjs'], {
      cwd: root,
      env: { ...process.env, INFRA_LOG_BUNDLE_OUT: fresh },
    })
    // The action's stages are chunks (dist/chunks/), loaded after its first request.
    const names = (await readdir(fresh, { recursive: true })).sort()
    expect((await readdir(join(root, 'dist'), { recursive: true })).sort()).toEqual(names)
    expect(names).toEqual(expect.arrayContaining(['cli.js', 'index.js', 'lib.js', 'chunks']))
    for (const name of names.filter((entry) => entry.endsWith('.js'))) {
      const committed = await readFile(join(root, 'dist', name), 'utf8')
      const rebuilt = await readFile(join(fresh, name), 'utf8')
      expect(committed === rebuilt, `dist/${name} is stale: run \`npm run bundle\``).toBe(true)
    }
  })

  it('embeds the shipped issue forms as they are in .github/ISSUE_TEMPLATE', async () => {
    const embedded = await readFile(join(root, 'src/forms/default-templates.ts'), 'utf8')
    for (const name of ['incident.yml', 'highlight.yml']) {
      const yaml = await readFile(join(root, '.github/ISSUE_TEMPLATE', name), 'utf8')
      expect(embedded.includes(JSON.stringify(yaml)), `${name} is not embedded as it is`).toBe(true)
    }
  })
})
