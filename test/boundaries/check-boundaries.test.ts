import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const script = join(__dirname, '../../scripts/check-boundaries.mjs')
const trees: string[] = []

/** Runs the checker on a throwaway tree of `{ path: source }`. */
function checkTree(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'qg-boundaries-'))
  trees.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' })
  return { status: run.status, output: run.stdout + run.stderr }
}

afterAll(() => {
  for (const root of trees) rmSync(root, { recursive: true, force: true })
})

describe('scripts/check-boundaries.mjs', () => {
  it('passes a tree that keeps to the boundaries', () => {
    const clean = checkTree({
      'src/main/services/engines/sqlite/driver.ts': "import Database from 'better-sqlite3'\nif (dialect === 'sqlite') {}\n",
      'src/main/services/query/run.ts': "import { getDriver } from '../engines'\nimport type { Engine } from '../engines/types'\n",
      'src/main/electron/menu.ts': "import { Menu } from 'electron'\n",
      'src/renderer/src/app.ts': "import { factsOf } from '../../shared/engines'\n",
      'test/engines.ts': "if (dialect === 'mysql') {}\n"
    })
    expect(clean.output).toContain('no findings')
    expect(clean.status).toBe(0)
  })

  it('reports each planted violation by file and line', () => {
    const dirty = checkTree({
      'src/main/services/docs/export.ts': "// fine\nimport { app } from 'electron'\n",
      'src/renderer/src/panel.ts': "import { readFileSync } from 'node:fs'\nimport { x } from '../../main/services/x'\nimport pg from 'pg'\n",
      'bench/schema.ts': "import { postgresIntrospector } from '../src/main/services/engines/postgres/introspector'\n",
      'src/shared/format.ts': "const a = 1\nexport const top = dialect === 'mssql'\n"
    })
    expect(dirty.status).toBe(1)
    expect(dirty.output).toContain("src/main/services/docs/export.ts:2: imports 'electron'")
    expect(dirty.output).toContain("src/renderer/src/panel.ts:1: imports 'node:fs'")
    expect(dirty.output).toContain("src/renderer/src/panel.ts:2: imports '../../main/services/x'")
    expect(dirty.output).toContain("src/renderer/src/panel.ts:3: imports 'pg'")
    expect(dirty.output).toContain('bench/schema.ts:1: imports')
    expect(dirty.output).toContain('src/shared/format.ts:2: compares or tables dialect names')
  })
})
