import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm start`: the desktop app via `electron-vite preview`, once we know an Electron binary is there to run it.
// Without one (the binary download was skipped, blocked or failed), say so in one line and point to web mode,
// instead of electron-vite's stack trace ending in "Error: Electron uninstall".
// `node scripts/start.mjs --check` only prints the binary it would use (exit 0) or the message (exit 1).
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The Electron executable electron-vite would launch, or why there is none. Same lookup as electron-vite, plus an existence check. */
function findElectron() {
  if (process.env.ELECTRON_EXEC_PATH) {
    const path = process.env.ELECTRON_EXEC_PATH
    return existsSync(path) ? { path } : { missing: `ELECTRON_EXEC_PATH=${path} does not exist` }
  }
  let moduleDir
  try {
    // Resolve only: loading the electron package would try to download the binary.
    moduleDir = dirname(createRequire(join(root, 'package.json')).resolve('electron'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(moduleDir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: 'its download did not run or did not finish' }
  const path = join(moduleDir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(path) ? { path } : { missing: `${path} does not exist` }
}

const electron = findElectron()
if (!electron.path) {
  console.error(`QueryGenie: no Electron binary is installed here (${electron.missing}). Run the same app in your browser: npm run serve`)
  process.exit(1)
}
if (process.argv.includes('--check')) {
  console.log(electron.path)
  process.exit(0)
}
const args = process.argv.slice(2)
const child = spawn(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview', ...args], {
  stdio: 'inherit',
  cwd: root
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
