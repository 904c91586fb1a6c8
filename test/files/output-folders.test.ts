import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/services/app-services'
import { SAMPLE_CONNECTION_ID } from '../../src/main/services/connections/connection-service'
import type { FileDialogs } from '../../src/main/services/dialogs/file-dialogs'
import { GRANT_TTL_MS, PathGrants } from '../../src/main/services/dialogs/path-grants'
import type { EventPayload } from '../../src/shared/contract'
import { createTestApp } from '../app-harness'

const opened: AppServices[] = []
afterAll(async () => {
  for (const s of opened) await s.close()
})

/** Stands in for the OS pickers: answers queued paths and counts how often it was asked. */
class ScriptedDialogs implements FileDialogs {
  asked = 0
  constructor(private readonly answers: (string | null)[]) {}
  private next(): Promise<string | null> {
    this.asked++
    return Promise.resolve(this.answers.shift() ?? null)
  }
  openFile() {
    return this.next()
  }
  chooseFolder() {
    return this.next()
  }
  saveFile() {
    return this.next()
  }
}

async function app(overrides: Parameters<typeof createTestApp>[0] = {}) {
  const a = await createTestApp(overrides)
  opened.push(a.services)
  return a
}

function exportDone(services: AppServices): Promise<EventPayload<'export.progress'>> {
  return new Promise((resolve) =>
    services.events.subscribe((name, payload) => {
      const p = payload as EventPayload<'export.progress'>
      if (name === 'export.progress' && p.state !== 'running') resolve(p)
    })
  )
}

const query = { kind: 'query', connectionId: SAMPLE_CONNECTION_ID, sql: 'select 7 as n' } as const
const FORGED = 'g_AAAAAAAAAAAAAAAAAAAAAAAA'

describe('web mode: exports and docs only in the data folder exports area', () => {
  it('refuses a caller-supplied path for result exports; writes a new file in the exports area', async () => {
    const { services, dispatch, dataDir } = await app()
    const elsewhere = mkdtempSync(join(tmpdir(), 'qg-elsewhere-'))
    const refused = [
      { source: query, format: 'csv', fileName: join(elsewhere, 'x.csv') },
      { source: query, format: 'csv', fileName: 'x', path: join(elsewhere, 'x.csv') },
      { source: query, format: 'csv', fileName: '../x' },
      { source: query, format: 'csv', fileName: 'x', grant: FORGED }
    ]
    for (const input of refused) expect(await dispatch('export.start', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('export.start', refused[3])).toMatchObject({ error: { message: expect.stringContaining("data folder's exports area") } })
    expect(readdirSync(elsewhere)).toEqual([])

    const done = exportDone(services)
    expect(await dispatch('export.start', { source: query, format: 'csv', fileName: 'x' })).toMatchObject({ ok: true, value: { path: join(dataDir, 'exports', 'x.csv') } })
    expect(await done).toMatchObject({ state: 'done' })
    expect(readFileSync(join(dataDir, 'exports', 'x.csv'), 'utf8')).toBe('n\r\n7\r\n')
  })

  it('refuses a full path, a way out, or a grant for docs; writes a folder name inside the exports area', async () => {
    const { dispatch, dataDir } = await app()
    const elsewhere = mkdtempSync(join(tmpdir(), 'qg-elsewhere-'))
    const docs = (extra: object) => dispatch('docs.export', { connectionId: SAMPLE_CONNECTION_ID, formats: ['md'], ...extra })
    const abs = await docs({ folder: elsewhere })
    expect(abs).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((abs as { error: { message: string } }).error.message).toBe(
      `Web mode writes documentation only inside the data folder's exports area (${join(dataDir, 'exports')}): give a folder name such as "schema-docs", not a full path (got "${elsewhere}").`
    )
    for (const folder of ['../outside', 'a/../../b', '~/docs', 'C:\\docs', '\\\\server\\share'])
      expect(await docs({ folder }), folder).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await docs({ grant: FORGED })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('no folder dialog') } })
    expect(readdirSync(elsewhere)).toEqual([])
    expect(existsSync(join(dataDir, 'outside'))).toBe(false)

    const ok = await docs({ folder: 'shop/docs' })
    expect(ok).toMatchObject({ ok: true, value: { folder: join(dataDir, 'exports', 'shop', 'docs') } })
    expect(existsSync(join(dataDir, 'exports', 'shop', 'docs', 'README.md'))).toBe(true)
    // no folder given: the default name
    expect(await docs({})).toMatchObject({ ok: true, value: { folder: join(dataDir, 'exports', 'schema-docs') } })
    if (process.platform !== 'win32') {
      expect((statSync(join(dataDir, 'exports', 'shop')).mode & 0o777).toString(8)).toBe('700')
      expect((statSync(join(dataDir, 'exports', 'shop', 'docs', 'README.md')).mode & 0o777).toString(8)).toBe('600')
    }
  })
})

describe('desktop: exports and docs only where a native dialog answered (one-time grants)', () => {
  it('docs.export refuses a path without a grant, writes with the folder dialog grant once', async () => {
    const target = mkdtempSync(join(tmpdir(), 'qg-picked-'))
    const dialogs = new ScriptedDialogs([target, join(target, 'out.csv')])
    const { dispatch, dataDir } = await app({ mode: 'electron', dialogs })
    const docs = (extra: object) => dispatch('docs.export', { connectionId: SAMPLE_CONNECTION_ID, formats: ['md'], ...extra })

    expect(await docs({ folder: target })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Browse…') } })
    expect(await docs({ grant: FORGED })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('choose the folder again') } })
    expect(readdirSync(target)).toEqual([])

    const picked = await dispatch('dialogs.chooseFolder', { title: 'Docs' })
    expect(picked).toMatchObject({ ok: true, value: { path: target, grant: expect.stringMatching(/^g_/) } })
    const grant = (picked as { value: { grant: string } }).value.grant
    // a grant names the folder; a path sent beside it is not used
    expect(await docs({ grant, folder: '/somewhere/else' })).toMatchObject({ ok: true, value: { folder: target } })
    expect(existsSync(join(target, 'README.md'))).toBe(true)
    // one use only
    expect(await docs({ grant })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    // a save-file grant is not a folder grant
    const saved = await dispatch('dialogs.saveFile', { title: 'Export', defaultName: 'out.csv' })
    expect(await docs({ grant: (saved as { value: { grant: string } }).value.grant })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(existsSync(join(dataDir, 'exports'))).toBe(false)
  })

  it('export.start writes to a save dialog grant without asking again; forged or reused grants are refused', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'qg-picked-')), 'chosen.csv')
    const dialogs = new ScriptedDialogs([target])
    const { services, dispatch } = await app({ mode: 'electron', dialogs })
    const picked = await dispatch('dialogs.saveFile', { title: 'Export', defaultName: 'chosen.csv' })
    const grant = (picked as { value: { grant: string } }).value.grant
    expect(dialogs.asked).toBe(1)

    expect(await dispatch('export.start', { source: query, format: 'csv', fileName: 'chosen', grant: FORGED })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const done = exportDone(services)
    expect(await dispatch('export.start', { source: query, format: 'csv', fileName: 'chosen', grant })).toMatchObject({ ok: true, value: { path: target } })
    expect(await done).toMatchObject({ state: 'done', path: target })
    expect(readFileSync(target, 'utf8')).toBe('n\r\n7\r\n')
    expect(dialogs.asked).toBe(1)
    expect(await dispatch('export.start', { source: query, format: 'csv', fileName: 'chosen', grant })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('grants expire', () => {
    let now = 0
    const grants = new PathGrants(() => now)
    const token = grants.issue('folder', '/picked')
    now = GRANT_TTL_MS + 1
    expect(() => grants.take(token, 'folder')).toThrow(/no longer valid/)
    const fresh = grants.issue('folder', '/picked')
    expect(grants.take(fresh, 'folder')).toBe('/picked')
  })
})
