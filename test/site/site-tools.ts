import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** How long installing packages or building a site may take before a hook gives up. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000

/**
 * Runs a command to completion; throws with its output when it fails, so a failed build or
 * install reads as what went wrong rather than as a later missing file.
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.error) throw new Error(`cannot run \`${command}\`: ${result.error.message}`)
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}:\n${output.slice(-8000)}`,
    )
  }
  return output
}

/** `runCommand` without blocking, so that two builds can run side by side. */
export function runCommandAsync(
  command: string,
  args: string[],
  options: { cwd?: string } = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', (error) => reject(new Error(`cannot run \`${command}\`: ${error.message}`)))
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(output)
      else {
        reject(
          new Error(
            `\`${command} ${args.join(' ')}\` exited with ${code ?? signal}:\n${output.slice(-8000)}`,
          ),
        )
      }
    })
  })
}

/**
 * Installs the Debian packages that are missing (scripts/ensure-debian-packages.sh). Throws
 * with the script's reason where that is impossible: a test that needs a site generator or a
 * browser fails loudly, it is never skipped.
 */
export function ensureDebianPackages(packages: string[]): void {
  runCommand('bash', [join(REPO_ROOT, 'scripts', 'ensure-debian-packages.sh'), ...packages])
}

/** Runs `infra-log render` from the bundled command-line tool, bundling it first if needed. */
export function renderReport(args: string[]): string {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) runCommand('npm', ['run', 'bundle'])
  return runCommand(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'render', ...args])
}
