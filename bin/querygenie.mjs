#!/usr/bin/env node
// QueryGenie CLI launcher. It needs Node >= 22 (better-sqlite3 13 crashes on older Node); when started by an older
// Node (e.g. a system Node 20) it re-runs itself with a Node 22 it can find (the `node` devDependency of a checkout).
// It runs the bundle in out/cli/ (scripts/build-cli.mjs, `npm run build:cli`; `npm pack` builds it): that is all an
// installed package has. In a checkout whose bundle is missing or older than its sources, it runs the TypeScript
// sources through tsx instead (slower to start, never stale).
// Keep this file to Node built-ins: `querygenie --help` should not load more than it needs.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = realpathSync(fileURLToPath(import.meta.url))
const root = dirname(dirname(self))
const checkout = existsSync(join(root, 'src', 'cli', 'main.ts'))
const major = Number(process.versions.node.split('.')[0])

if (major < 22) {
  const require = createRequire(self)
  const candidates = [join(root, 'node_modules', 'node', 'bin', 'node'), join(root, 'node_modules', '.bin', 'node')]
  try {
    candidates.push(join(dirname(require.resolve('node/package.json')), 'bin', 'node'))
  } catch {
    // not resolvable from here; the fixed paths above may still exist
  }
  const node22 = candidates.find((p) => existsSync(p))
  if (!node22) {
    console.error(
      checkout
        ? `querygenie needs Node.js 22 or newer (this is ${process.version}). Run \`npm install\` in ${root} so that its Node 22 is installed, or put Node 22 on PATH.`
        : `querygenie needs Node.js 22.12 or newer (this is ${process.version}). Put Node 22 on PATH and reinstall querygenie with it (its SQLite and DuckDB modules are native).`
    )
    process.exit(2)
  }
  const r = spawnSync(node22, [self, ...process.argv.slice(2)], { stdio: 'inherit' })
  if (r.error) {
    console.error(`querygenie: could not start ${node22}: ${r.error.message}`)
    process.exit(2)
  }
  if (r.signal) process.kill(process.pid, r.signal)
  process.exit(r.status ?? 2)
}

const bundle = join(root, 'out', 'cli', 'querygenie.mjs')

/** An installed package has only the bundle; in a checkout the bundle counts when no source of it is newer. */
function bundleIsFresh() {
  if (!existsSync(bundle)) return false
  if (!checkout || process.env.QUERYGENIE_CLI === 'bundle') return true
  if (process.env.QUERYGENIE_CLI === 'source') return false
  try {
    const built = statSync(bundle).mtimeMs
    const inputs = JSON.parse(readFileSync(join(root, 'out', 'cli', 'inputs.json'), 'utf8'))
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= built)
  } catch {
    return false // no inputs.json, or a source file was deleted: rebuild or run the sources
  }
}

let entry = bundle
if (!bundleIsFresh()) {
  if (!checkout) {
    console.error(`querygenie: ${bundle} is missing: this package was packed without its CLI bundle (\`npm run build:cli\`).`)
    process.exit(2)
  }
  let register
  try {
    ;({ register } = await import('tsx/esm/api'))
  } catch {
    console.error(`querygenie: out/cli/ is missing or older than the sources, and running those needs the dev dependencies: run \`npm run build:cli\`, or \`npm install\` (without --omit=dev) in ${root}.`)
    process.exit(2)
  }
  register()
  entry = join(root, 'src', 'cli', 'main.ts')
}
const { runCli } = await import(pathToFileURL(entry).href)
await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  setExitCode: (c) => (process.exitCode = c)
})
