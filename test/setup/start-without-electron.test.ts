import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// `npm start` runs scripts/start.mjs, which checks for an Electron binary before handing over to `electron-vite preview`.
const root = join(__dirname, '../..')
const script = join(root, 'scripts/start.mjs')
const run = (env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [script, '--check'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })

function electronBinaryPresent(): boolean {
  const dir = join(root, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8')))
}

describe('npm start', () => {
  it('is scripts/start.mjs', () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start).toBe('node scripts/start.mjs')
  })

  it('without an Electron binary, says so in one line, points to web mode and exits 1', () => {
    const result = run({ ELECTRON_EXEC_PATH: join(root, 'no-such-electron-binary') })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^QueryGenie: no Electron binary is installed here \(.+\)\. Run the same app in your browser: npm run serve$/)
  })

  it.skipIf(electronBinaryPresent())('in this checkout (no Electron binary) gives the same one line', () => {
    const result = run({ ELECTRON_EXEC_PATH: undefined })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/^QueryGenie: no Electron binary is installed here \(.+\)\. Run the same app in your browser: npm run serve\n$/)
    expect(result.stderr).not.toMatch(/Error|at /)
  })

  it('with a binary, would launch it', () => {
    const result = run({ ELECTRON_EXEC_PATH: process.execPath })
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(process.execPath)
  })
})
