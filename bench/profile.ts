// Where a run's CPU time goes, by source package: a `node --cpu-prof` profile of dist/index.js
// and its chunks, samples mapped back to the modules esbuild bundled (each starts with a
// `// path` comment).

/** The parts of a V8 `.cpuprofile` this reads. */
type CpuProfile = {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    positionTicks?: Array<{ line: number; ticks: number }>
  }>
  samples: number[]
  timeDeltas: number[]
}

/** CPU time of one group (a package, a folder of src/, a part of node), in milliseconds. */
export type TimeShare = { group: string; ms: number }

/** The module each line of an esbuild bundle came from, from esbuild's `// path` comments. */
function moduleOfLines(bundle: string): string[] {
  const owners: string[] = []
  let current = '(bundle prologue)'
  for (const line of bundle.split('\n')) {
    const comment = /^\/\/ ((?:node_modules|src|\.\.)\/\S+)$/.exec(line)
    if (comment !== null) current = comment[1] ?? current
    owners.push(current)
  }
  return owners
}

/** `node_modules/@octokit/rest/dist-src/x.js` → `@octokit/rest`; `src/forms/a.ts` → `src/forms`. */
function groupOf(path: string): string {
  const parts = path.split('/')
  const at = parts.lastIndexOf('node_modules')
  if (at !== -1) {
    const name = parts[at + 1] ?? ''
    return name.startsWith('@') ? `${name}/${parts[at + 2] ?? ''}` : name
  }
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts.slice(0, 2).join('/')
}

/**
 * CPU time by group, largest first. Samples in the bundle go to the package of the line they
 * hit; node's own code goes to `node: <module> <function>`; V8's pseudo-frames keep their names
 * (`(garbage collector)`, `(program)`: compiling and other work outside JavaScript).
 */
export function attributeProfile(
  profile: CpuProfile,
  /** The bundle's files (the entry and its chunks): their text by `file:` URL. */
  bundles: Map<string, string>,
): TimeShare[] {
  const owners = new Map([...bundles].map(([url, text]) => [url, moduleOfLines(text)]))
  const selfMs = new Map<number, number>()
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
  })
  const shares = new Map<string, number>()
  const add = (group: string, ms: number) => shares.set(group, (shares.get(group) ?? 0) + ms)
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0
    if (ms === 0) continue
    const { url, functionName, lineNumber } = node.callFrame
    const lines = owners.get(url)
    if (lines !== undefined) {
      const ticks = node.positionTicks ?? [{ line: lineNumber + 1, ticks: 1 }]
      const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0)
      for (const tick of ticks) {
        add(groupOf(lines[tick.line - 1] ?? '(bundle)'), (ms * tick.ticks) / total)
      }
    } else if (url.startsWith('node:')) {
      add(`node: ${url.replace(/^node:(internal\/)?/, '')} ${functionName}`.trim(), ms)
    } else if (url === '') {
      add(functionName === '' ? '(native)' : functionName, ms)
    } else {
      // Only the file's name: the report must not hold a path of the machine that ran it.
      add(`(other) ${url.split('/').pop() ?? url}`, ms)
    }
  }
  return [...shares].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms)
}
