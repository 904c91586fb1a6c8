import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// `npm install` writes `"hasInstallScript": true` into package-lock.json for every installed package that has
// install scripts, so a lockfile without it leaves a fresh clone dirty after `npm install`. npm counts
// preinstall/install/postinstall, and a binding.gyp (implicit `node-gyp rebuild`, whatever `gypfile` says:
// better-sqlite3 ships binding.gyp with "gypfile": false and npm still flags it). Reads node_modules; installs nothing.
const root = join(__dirname, '../..')
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>
}

function hasInstallScript(dir: string): boolean {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
  const scripts = pkg.scripts ?? {}
  return Boolean(scripts.preinstall || scripts.install || scripts.postinstall || existsSync(join(dir, 'binding.gyp')))
}

describe('package-lock.json', () => {
  it('marks hasInstallScript on every installed package with install scripts', () => {
    const installed = Object.keys(lock.packages).filter((key) => key && existsSync(join(root, key, 'package.json')))
    expect(installed.length).toBeGreaterThan(100)
    const missing = installed.filter((key) => hasInstallScript(join(root, key)) && !lock.packages[key].hasInstallScript)
    expect(missing).toEqual([])
    expect(lock.packages['node_modules/better-sqlite3'].hasInstallScript).toBe(true)
  })
})
