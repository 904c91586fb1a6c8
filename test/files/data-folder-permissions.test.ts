import Database from 'better-sqlite3'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/services/app-services'
import { SAMPLE_CONNECTION_ID } from '../../src/main/services/connections/connection-service'
import { secureDataDir } from '../../src/main/services/paths'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import type { EventPayload } from '../../src/shared/contract'
import { createTestApp } from '../app-harness'

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8)
const opened: AppServices[] = []
afterAll(async () => {
  for (const s of opened) await s.close()
})

/** Starts the real services on `dataDir` exactly as web mode does (settings file, key file, store). */
async function start(dataDir: string): Promise<{ services: AppServices; dispatch: Dispatch }> {
  const app = await createTestApp({ dataDir })
  opened.push(app.services)
  return app
}

function exportDone(services: AppServices): Promise<EventPayload<'export.progress'>> {
  return new Promise((resolve) =>
    services.events.subscribe((name, payload) => {
      const p = payload as EventPayload<'export.progress'>
      if (name === 'export.progress' && p.state !== 'running') resolve(p)
    })
  )
}

describe.skipIf(process.platform === 'win32')('data folder permissions (POSIX)', () => {
  it('narrows a pre-existing 0755 folder and 0644 store, journal, settings, key and exports to 0700/0600 at start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'qg-perm-')), 'data')
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o755)
    // what an earlier version left: a WAL store with history, readable by everyone
    const old = new Database(join(dataDir, 'querygenie.db'))
    old.pragma('journal_mode = WAL')
    old.exec('create table t (x)')
    old.close()
    writeFileSync(join(dataDir, 'querygenie.db-wal'), '')
    writeFileSync(join(dataDir, 'settings.json'), '{}')
    writeFileSync(join(dataDir, 'secret.key'), Buffer.alloc(32, 7))
    mkdirSync(join(dataDir, 'exports', 'docs'), { recursive: true })
    writeFileSync(join(dataDir, 'exports', 'old.csv'), 'a\r\n1\r\n')
    writeFileSync(join(dataDir, 'exports', 'docs', 'README.md'), '# old')
    writeFileSync(join(dataDir, 'not-ours.txt'), 'left alone')
    for (const f of ['querygenie.db', 'querygenie.db-wal', 'settings.json', 'secret.key', 'exports/old.csv', 'exports/docs/README.md', 'not-ours.txt'])
      chmodSync(join(dataDir, f), 0o644)
    for (const d of ['exports', 'exports/docs']) chmodSync(join(dataDir, d), 0o755)
    expect(mode(dataDir)).toBe('755')
    expect(mode(join(dataDir, 'querygenie.db'))).toBe('644')

    const { services, dispatch } = await start(dataDir)
    expect(await dispatch('app.ping', { echo: 'x' })).toMatchObject({ ok: true })
    expect(await dispatch('settings.update', { resultMemoryCapRows: 12_345 })).toMatchObject({ ok: true })

    expect(mode(dataDir)).toBe('700')
    for (const f of ['querygenie.db', 'querygenie.db-wal', 'querygenie.db-shm', 'settings.json', 'secret.key']) {
      expect(existsSync(join(dataDir, f)), f).toBe(true)
      expect(mode(join(dataDir, f)), f).toBe('600')
    }
    expect([mode(join(dataDir, 'exports')), mode(join(dataDir, 'exports', 'docs'))]).toEqual(['700', '700'])
    expect([mode(join(dataDir, 'exports', 'old.csv')), mode(join(dataDir, 'exports', 'docs', 'README.md'))]).toEqual(['600', '600'])
    // only the app's own files are touched
    expect(mode(join(dataDir, 'not-ours.txt'))).toBe('644')

    // a new result export in the exports area is owner-only too
    const done = exportDone(services)
    const started = await dispatch('export.start', { source: { kind: 'query', connectionId: SAMPLE_CONNECTION_ID, sql: 'select 1 as n' }, format: 'csv', fileName: 'numbers' })
    expect(started).toMatchObject({ ok: true })
    const finished = await done
    expect(finished).toMatchObject({ state: 'done' })
    expect(mode(finished.path)).toBe('600')
    // the sample database copy made on first use sits in the 0700 folder
    expect(mode(dataDir)).toBe('700')
  })

  it('creates a new data folder 0700 with the store and its -wal/-shm 0600 (umask 022)', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'qg-perm-new-')), 'nested', 'data')
    const { dispatch } = await start(dataDir)
    expect(await dispatch('tabs.list', {})).toMatchObject({ ok: true })
    expect(mode(dataDir)).toBe('700')
    for (const f of ['querygenie.db', 'querygenie.db-wal', 'querygenie.db-shm', 'secret.key']) expect(mode(join(dataDir, f)), f).toBe('600')
  })

  it('secureDataDir does nothing to modes on Windows', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qg-perm-win-'))
    chmodSync(dataDir, 0o755)
    writeFileSync(join(dataDir, 'querygenie.db'), '')
    chmodSync(join(dataDir, 'querygenie.db'), 0o644)
    secureDataDir(dataDir, 'win32')
    expect([mode(dataDir), mode(join(dataDir, 'querygenie.db'))]).toEqual(['755', '644'])
  })
})
