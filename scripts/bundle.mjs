// Bundles the action, the command-line tool and the library into dist/.
// esbuild rather than rollup: the same single-file ESM output in a fraction of the time.
import { chmodSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

// A test bundles into a temporary folder and compares it with the committed dist/.
const outdir = process.env.INFRA_LOG_BUNDLE_OUT ?? 'dist'

const banner = [
  "import { createRequire as __infraLogCreateRequire } from 'node:module';",
  'const require = __infraLogCreateRequire(import.meta.url);',
].join('\n')

// @actions/core imports @actions/http-client (for OIDC tokens, which infra-log never asks for),
// and it imports undici and tunnel: none of them marks itself free of side effects, so esbuild
// kept and ran all three at every start (a third of the bundle). Said here, esbuild keeps them
// only where they are used: the proxy-aware fetch, loaded when the runner sets a proxy.
const unusedUnlessImported = {
  name: 'side-effect-free-http-clients',
  setup(build) {
    build.onResolve({ filter: /^(@actions\/http-client|undici|tunnel)$/ }, async (args) => {
      if (args.pluginData === 'resolved') return undefined
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolved',
      })
      return { ...resolved, sideEffects: false }
    })
  },
}

const common = {
  bundle: true,
  plugins: [unusedUnlessImported],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
}

// Chunk names carry a hash of their content: drop the last build's.
rmSync(`${outdir}/chunks`, { recursive: true, force: true })

// The action is split: what runs before the first request is in index.js; the stages after it
// (and the proxy-aware fetch) are chunks node loads while it waits for GitHub's answer.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
})
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  banner: { js: '#!/usr/bin/env node\n' + banner },
})
await build({
  ...common,
  entryPoints: { lib: 'src/lib.ts' },
  outdir,
  banner: { js: banner },
})

// The command-line tool is run directly through package.json's `bin`.
chmodSync(`${outdir}/cli.js`, 0o755)
