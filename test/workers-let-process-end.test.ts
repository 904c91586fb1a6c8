import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './app-harness'

describe('worker threads the services start', () => {
  it('do not keep a process alive once it is done with them (a CLI run ends)', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/run-ts.mjs'), join(REPO_ROOT, 'test/fixtures/workers/use-then-end.ts')], { encoding: 'utf8', timeout: 60_000 })
    expect(r.error).toBeUndefined()
    expect(r.stdout).toMatch(/^split \d{4,} spill \[\[42\]\]/)
    expect(r.status).toBe(0)
  })
})
