import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds with electron-vite when out/ is missing or older than any source file. */
export function buildIfNeeded(root) {
  const marker = join(root, 'out/main/web-main.js')
  const renderer = join(root, 'out/renderer/index.html')
  const sourcesChanged = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)
  const stale =
    !existsSync(marker) || !existsSync(renderer) || Math.min(statSync(marker).mtimeMs, statSync(renderer).mtimeMs) < sourcesChanged
  if (!stale) return
  console.error('[querygenie] building…')
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}
