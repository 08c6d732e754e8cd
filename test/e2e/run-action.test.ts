// The runner helper reads what @actions/core writes, and names inputs as @actions/core reads them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { afterEach, describe, expect, it } from 'vitest'
import { inputVariable, parseOutputFile } from './run-action.js'

const saved = { ...process.env }

afterEach(() => {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) delete process.env[name]
  }
  Object.assign(process.env, saved)
})

describe('inputVariable', () => {
  it('names the variable @actions/core reads the input from', () => {
    for (const name of ['as-of', 'dry-run', 'token', 'incident window days']) {
      process.env[inputVariable(name)] = `value of ${name}`
      expect(core.getInput(name)).toBe(`value of ${name}`)
    }
    expect(inputVariable('as-of')).toBe('INPUT_AS-OF')
    expect(inputVariable('incident window days')).toBe('INPUT_INCIDENT_WINDOW_DAYS')
  })
})

describe('parseOutputFile', () => {
  it('reads back every output @actions/core writes, multi-line and empty ones too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-log-outputs-'))
    try {
      const file = join(dir, 'output')
      await writeFile(file, '')
      process.env.GITHUB_OUTPUT = file
      const values = {
        'report-path': 'docs/infra-log/2024-11-12.md',
        'pull-request-number': '',
        'report-json': '{"a":"b<<c"}',
        body: 'line one\nline two\n\nline four',
      }
      for (const [name, value] of Object.entries(values)) core.setOutput(name, value)
      expect(parseOutputFile(await readFile(file, 'utf8'))).toEqual(values)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('reads the one-line form, and refuses what it cannot read', () => {
    expect(parseOutputFile('a=1\nb=x=y\n')).toEqual({ a: '1', b: 'x=y' })
    expect(() => parseOutputFile('name<<EOF\nvalue\n')).toThrow('`name` has no closing EOF')
    expect(() => parseOutputFile('just text\n')).toThrow('cannot read line 1: just text')
  })
})
