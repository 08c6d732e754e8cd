// Placeholder so the bundle builds while the real `parse` command is written; replace wholesale.

/** The command-line tool's input and output, injectable for tests. */
export type CliIo = {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readFile: (path: string) => Promise<string>
  readStdin: () => Promise<string>
}

/** `infra-log parse` (not written yet). */
export async function runParseCommand(_args: string[], io: CliIo): Promise<number> {
  io.stderr('infra-log parse: not available yet\n')
  return 1
}
