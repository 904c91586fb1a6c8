import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')

/** A Node >= 22 to run the CLI, npm and npx with: this one, or the `node` devDependency's. */
export function node22(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath
  const dev = join(ROOT, 'node_modules', 'node', 'bin', 'node')
  if (!existsSync(dev)) throw new Error('no Node 22 found: run npm install')
  return dev
}

/** Median wall time of `runs` runs of a command, which must succeed each time. */
export function medianMs(command: string, args: string[], options: SpawnSyncOptions = {}, runs = 5): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, ...options })
    times.push(performance.now() - started)
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr)}`)
  }
  times.sort((a, b) => a - b)
  return Math.round(times[Math.floor(runs / 2)])
}

/** An --import hook that prints every module URL the process resolves to stderr, as `QG-LOADED <url>`. */
export const PRINT_LOADED_MODULES = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; import { writeSync } from 'node:fs';" +
    "registerHooks({ resolve(s, c, next) { const r = next(s, c); writeSync(2, 'QG-LOADED ' + r.url + '\\n'); return r } })"
)}`

export const loadedModules = (stderr: string): string[] => [...stderr.matchAll(/^QG-LOADED (.+)$/gm)].map((m) => m[1])
