// `npm run bench`: bundles the benchmark's TypeScript entry points (they reuse the fake GitHub
// from test/ and the sample data from src/) into a temporary folder, and runs bench/main.ts.
// Node 20 cannot run .ts itself; esbuild is already a devDependency.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const out = await mkdtemp(join(tmpdir(), 'infra-log-bench-'))
try {
  await build({
    entryPoints: ['main', 'fake-server', 'floor', 'parsers'].map((name) =>
      join(root, 'bench', `${name}.ts`),
    ),
    outdir: out,
    // .mjs: node reads them as ES modules at once, with no package.json beside them to say so.
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module';\nconst require = __benchCreateRequire(import.meta.url);",
    },
  })
  process.env.BENCH_ROOT = root
  process.env.BENCH_BUNDLE = out
  const { main } = await import(pathToFileURL(join(out, 'main.mjs')).href)
  await main(process.argv.slice(2))
} finally {
  await rm(out, { recursive: true, force: true })
}
