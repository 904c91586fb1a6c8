#!/usr/bin/env node
// Runs a TypeScript file with tsx on the Node that launched this script (the project's Node 22 under npm scripts).
// Usage: node scripts/run-ts.mjs <file.ts> [args...]
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const [file, ...args] = process.argv.slice(2)
if (!file) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]')
  process.exit(2)
}
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')
const child = spawn(process.execPath, [tsxCli, file, ...args], { stdio: 'inherit' })
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal)
  else process.exit(code ?? 1)
})
