import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfNeeded } from './build-if-needed.mjs'

// `npm run serve [-- --port N --data-dir DIR]`: web mode. Builds if needed, then runs the services under Node 22.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
buildIfNeeded(root)
const child = spawn(process.execPath, [join(root, 'out/main/web-main.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
