// The command-line tool: `infra-log render` and `infra-log parse`, the same stages as the
// action with a file source and a folder sink, no token and no network.
import { readFile } from 'node:fs/promises'
import { runParseCommand, type CliIo } from './cli/parse-command.js'
import { runRenderCommand } from './cli/render-command.js'

const USAGE = `infra-log — a weekly infra log from incident and highlight issue forms

Usage:
  infra-log render [--issues FILE] [--as-of YYYY-MM-DD] [--timezone TZ] [--site PRESET]
                   [--out DIR] [--incident-label L] [--highlight-label L]
                   [--author-associations LIST] [--incident-window-days N]
                   [--highlight-window-days N] [--intro TEXT]
                   [--incident-template FILE.yml] [--highlight-template FILE.yml]
  infra-log parse  [--template FILE.yml] [--kind incident|highlight] [--timezone TZ]
                   [--title TITLE] [BODY.md | -]

render  writes the report page, its diagram, index.md, feed.xml and report.json to DIR
        (default ./infra-log-preview), from FILE (a JSON array of issues as GitHub's
        REST API returns them) or, without --issues, from the embedded sample data.
parse   prints what infra-log reads from one issue body, as JSON.
`

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'render':
      return runRenderCommand(rest, io)
    case 'parse':
      return runParseCommand(rest, io)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE)
      return command === undefined ? 1 : 0
    default:
      io.stderr(`infra-log: unknown command \`${command}\`\n\n${USAGE}`)
      return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
