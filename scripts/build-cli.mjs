#!/usr/bin/env node
// Bundles the headless CLI (src/cli/main.ts) into out/cli/ with esbuild, so `querygenie` runs without tsx and without
// the sources: from a checkout and from an installed package (`npm pack` runs this as `prepack`).
//   out/cli/querygenie.mjs   commander, zod and the docs command: all that `--help` loads
//   out/cli/chunk-*.mjs      the rest, imported when a command runs (docs-services.ts: drivers, exporters, ELK)
//   out/cli/inputs.json      the source files of the bundle, so bin/querygenie.mjs can tell a stale bundle in a checkout
// Usage: node scripts/build-cli.mjs [--if-stale] [--quiet]
// Runtime dependencies that are native, WebAssembly or large stay external (they are installed with the package);
// small pure-JS ones and anything from devDependencies are bundled.
import { build } from 'esbuild'
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
/** Bundled although they are runtime dependencies: pure JS, small, and on the `--help` path. */
const BUNDLED = new Set(['commander', 'zod', 'dbgate-query-splitter'])
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name))
// pg loads the optional pg-native lazily; DuckDB's bindings are the native half of @duckdb/node-api.
external.push('pg-native', '@duckdb/node-bindings')

export async function buildCli({ quiet = false } = {}) {
  const started = Date.now()
  const outDir = join(root, 'out', 'cli')
  // Build next to out/cli and swap, so a CLI started during the build sees the old bundle or the new one, never half.
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: { querygenie: 'src/cli/main.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external,
    metafile: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    // Bundled CommonJS (commander) calls require() for Node built-ins: give ESM chunks a real one.
    banner: { js: "import { createRequire as __qgCreateRequire } from 'node:module'; const require = __qgCreateRequire(import.meta.url);" }
  })
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'))
  inputs.push('scripts/build-cli.mjs', 'package.json')
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(inputs.map((f) => relative(root, join(root, f))), null, 1) + '\n')
  mkdirSync(dirname(outDir), { recursive: true })
  // Two builds at once (a test and `npm pack`'s prepack) may race here: move whatever is in the way aside and retry.
  for (let attempt = 0; ; attempt++) {
    const old = `${outDir}.old-${process.pid}-${attempt}`
    try {
      renameSync(outDir, old)
    } catch {
      // no earlier build
    }
    try {
      renameSync(tmp, outDir)
      rmSync(old, { recursive: true, force: true })
      break
    } catch (e) {
      rmSync(old, { recursive: true, force: true })
      if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(e.code)) throw e
    }
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
  if (!quiet) console.log(`out/cli: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`)
}

/** The same test as bin/querygenie.mjs: the bundle exists and none of its sources is newer. */
export function cliBundleIsFresh() {
  try {
    const built = statSync(join(root, 'out', 'cli', 'querygenie.mjs')).mtimeMs
    const inputs = JSON.parse(readFileSync(join(root, 'out', 'cli', 'inputs.json'), 'utf8'))
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= built)
  } catch {
    return false
  }
}

// node scripts/build-cli.mjs [--if-stale] [--quiet]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2)
  if (!(args.includes('--if-stale') && cliBundleIsFresh())) await buildCli({ quiet: args.includes('--quiet') })
}
