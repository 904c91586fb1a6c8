#!/usr/bin/env node
// QueryGenie CLI launcher. It needs Node >= 22 (better-sqlite3 13 crashes on older Node) and runs the TypeScript
// sources through tsx. When started by an older Node (e.g. a system Node 20), it re-runs itself with the Node 22
// that the `node` devDependency installs into node_modules.
import { spawnSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = realpathSync(fileURLToPath(import.meta.url))
const root = dirname(dirname(self))
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
    console.error(`querygenie needs Node.js 22 or newer (this is ${process.version}). Run \`npm install\` in ${root} so that its Node 22 is installed, or put Node 22 on PATH.`)
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

let register
try {
  ;({ register } = await import('tsx/esm/api'))
} catch {
  console.error(`querygenie runs from source and needs the dev dependencies: run \`npm install\` (without --omit=dev) in ${root}.`)
  process.exit(2)
}
register()
const { runCli } = await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href)
await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  setExitCode: (c) => (process.exitCode = c)
})
