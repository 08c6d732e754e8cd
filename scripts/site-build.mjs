// `npm run site:build`: renders the sample report into the example VitePress site and builds it.
//
//   node scripts/site-build.mjs [--site-dir DIR] [-- RENDER_FLAGS...]
//   node scripts/site-build.mjs --install-only
//
// - Installs the site's own dependencies (VitePress) from examples/site/package-lock.json when
//   they are missing or not the locked version, so the root `npm ci` stays small.
// - Renders `infra-log render --site vitepress` into <site>/infra-log, replacing what was there:
//   the folder is generated and git-ignored, so it cannot go stale. RENDER_FLAGS (e.g.
//   `--issues FILE --as-of D`) are passed on; without them the embedded sample is used.
// - With --site-dir, builds a copy of the example site in DIR (its config and home page, its
//   node_modules linked), which is how the tests build a site from other issues.
// - Builds with VitePress into <site>/.vitepress/dist and prints that path last.
// - --install-only stops after the first step (and bundling the CLI if needed), so that
//   several builds can then run side by side.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const exampleDir = join(root, 'examples', 'site')
/** The example site's own files, copied into a --site-dir. */
const SITE_FILES = ['package.json', 'index.md', join('.vitepress', 'config.mts')]

function fail(message) {
  console.error(`site-build: ${message}`)
  process.exit(1)
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options })
  if (result.error) fail(`cannot run ${command}: ${result.error.message}`)
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status}`)
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

function parseArgs(argv) {
  const split = argv.indexOf('--')
  const own = split === -1 ? argv : argv.slice(0, split)
  const renderFlags = split === -1 ? [] : argv.slice(split + 1)
  let siteDir = exampleDir
  let installOnly = false
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--site-dir' && own[i + 1] !== undefined) siteDir = resolve(own[++i])
    else if (own[i] === '--install-only') installOnly = true
    else {
      fail(
        `unknown argument \`${own[i]}\`; usage: site-build.mjs [--site-dir DIR] [-- RENDER_FLAGS...] or site-build.mjs --install-only`,
      )
    }
  }
  return { siteDir, renderFlags, installOnly }
}

/** The locked VitePress is installed: a fresh clone, or a lockfile bump, runs `npm ci`. */
function ensureSiteDependencies() {
  const locked = readJson(join(exampleDir, 'package-lock.json')).packages?.[
    'node_modules/vitepress'
  ]
  const installedPath = join(exampleDir, 'node_modules', 'vitepress', 'package.json')
  const installed = existsSync(installedPath) ? readJson(installedPath).version : null
  if (locked !== undefined && installed === locked.version) return
  console.error(
    `site-build: installing the example site's dependencies (vitepress ${locked?.version})`,
  )
  run('npm', ['ci', '--prefix', exampleDir, '--no-audit', '--no-fund'])
}

/** The command-line tool is bundled (dist/ is committed; a checkout without it is bundled). */
function ensureCli() {
  if (!existsSync(join(root, 'dist', 'cli.js'))) run('npm', ['run', 'bundle'])
}

function prepareSiteCopy(siteDir) {
  mkdirSync(join(siteDir, '.vitepress'), { recursive: true })
  for (const file of SITE_FILES) copyFileSync(join(exampleDir, file), join(siteDir, file))
  const modules = join(siteDir, 'node_modules')
  if (!existsSync(modules)) symlinkSync(join(exampleDir, 'node_modules'), modules, 'dir')
}

const { siteDir, renderFlags, installOnly } = parseArgs(process.argv.slice(2))
ensureSiteDependencies()
ensureCli()
if (installOnly) process.exit(0)
if (siteDir !== exampleDir) prepareSiteCopy(siteDir)

const reports = join(siteDir, 'infra-log')
rmSync(reports, { recursive: true, force: true })
run(process.execPath, [
  join(root, 'dist', 'cli.js'),
  'render',
  '--site',
  'vitepress',
  '--out',
  reports,
  ...renderFlags,
])
run(join(exampleDir, 'node_modules', '.bin', 'vitepress'), ['build', siteDir])
console.log(join(siteDir, '.vitepress', 'dist'))
