import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../../../test/app-harness'
import type { EventPayload } from '../../../shared/contract'
import type { AppServices } from '../app-services'
import { SAMPLE_CONNECTION_ID } from '../connections/connection-service'
import type { FileDialogs } from './file-dialogs'

const opened: AppServices[] = []
afterAll(async () => {
  for (const services of opened) await services.close()
})

describe('dialogs in web mode (no native pickers injected)', () => {
  it('answers available: false and UNSUPPORTED with a clear message for every picker', async () => {
    const { services, dispatch } = await createTestApp()
    opened.push(services)
    expect(await dispatch('dialogs.available', {})).toEqual({ ok: true, value: { available: false } })
    const pickers = [
      ['dialogs.openFile', { title: 'Database file' }],
      ['dialogs.chooseFolder', { title: 'Output folder' }],
      ['dialogs.saveFile', { title: 'Export', defaultName: 'out.csv' }]
    ] as const
    for (const [name, input] of pickers) {
      expect(await dispatch(name, input)).toEqual({
        ok: false,
        error: { code: 'UNSUPPORTED', message: 'File dialogs are available in the desktop app; type the path instead.' }
      })
    }
  })
})

/** Stands in for the OS picker (the only part Electron provides): records each request, answers a queued path. */
class ScriptedDialogs implements FileDialogs {
  readonly requests: { kind: string; options: unknown }[] = []
  constructor(private readonly answers: (string | null)[]) {}
  private next(kind: string, options: unknown): Promise<string | null> {
    this.requests.push({ kind, options })
    return Promise.resolve(this.answers.shift() ?? null)
  }
  openFile(options: Parameters<FileDialogs['openFile']>[0]) {
    return this.next('openFile', options)
  }
  chooseFolder(options: Parameters<FileDialogs['chooseFolder']>[0]) {
    return this.next('chooseFolder', options)
  }
  saveFile(options: Parameters<FileDialogs['saveFile']>[0]) {
    return this.next('saveFile', options)
  }
}

async function desktopServices(dialogs: FileDialogs) {
  const app = await createTestApp({ mode: 'electron', dialogs })
  opened.push(app.services)
  return app
}

describe('dialogs with injected native pickers', () => {
  it('answers the chosen path, or null when the user cancelled, and validates the request', async () => {
    const dialogs = new ScriptedDialogs(['/home/me/db.sqlite', null, '/home/me/docs', '/home/me/out.csv'])
    const { dispatch } = await desktopServices(dialogs)
    expect(await dispatch('dialogs.available', {})).toEqual({ ok: true, value: { available: true } })
    const filters = [{ name: 'SQLite database', extensions: ['sqlite', 'db'] }]
    expect(await dispatch('dialogs.openFile', { title: 'Database file', filters })).toEqual({ ok: true, value: { path: '/home/me/db.sqlite' } })
    expect(await dispatch('dialogs.openFile', { title: 'Database file' })).toEqual({ ok: true, value: { path: null } })
    // folder and save pickers also answer a one-time grant (export.start / docs.export take it instead of a path)
    expect(await dispatch('dialogs.chooseFolder', { title: 'Output folder' })).toEqual({ ok: true, value: { path: '/home/me/docs', grant: expect.stringMatching(/^g_/) } })
    expect(await dispatch('dialogs.saveFile', { title: 'Export', defaultName: 'out.csv' })).toEqual({ ok: true, value: { path: '/home/me/out.csv', grant: expect.stringMatching(/^g_/) } })
    expect(dialogs.requests.map((r) => r.kind)).toEqual(['openFile', 'openFile', 'chooseFolder', 'saveFile'])
    expect(dialogs.requests[0]!.options).toEqual({ title: 'Database file', filters })

    // a suggested name must not smuggle a folder in, and filters take bare extensions
    expect(await dispatch('dialogs.saveFile', { title: 'Export', defaultName: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('dialogs.openFile', { title: 'x', filters: [{ name: 'x', extensions: ['.csv'] }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(dialogs.requests).toHaveLength(4)
  })

  it('result exports ask the save dialog for the path and write there; cancelling writes nothing', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'qg-dialogs-out-')), 'chosen.csv')
    const dialogs = new ScriptedDialogs([target, null])
    const { services, dataDir, dispatch } = await desktopServices(dialogs)
    const finished = new Promise<EventPayload<'export.progress'>>((resolve) =>
      services.events.subscribe((name, payload) => {
        const p = payload as EventPayload<'export.progress'>
        if (name === 'export.progress' && p.state !== 'running') resolve(p)
      })
    )
    const input = {
      source: { kind: 'query', connectionId: SAMPLE_CONNECTION_ID, sql: "select 1 as n, 'a,b' as s" },
      format: 'csv',
      fileName: 'numbers'
    }
    expect(await dispatch('export.start', input)).toMatchObject({ ok: true, value: { path: target } })
    expect(dialogs.requests[0]).toEqual({
      kind: 'saveFile',
      options: { title: 'Export results', defaultName: 'numbers.csv', filters: [{ name: 'CSV file', extensions: ['csv'] }] }
    })
    expect(await finished).toMatchObject({ state: 'done', rows: 1, path: target })
    expect(readFileSync(target, 'utf8')).toBe('n,s\r\n1,"a,b"\r\n')

    expect(await dispatch('export.start', input)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(readdirSync(dirname(target))).toEqual(['chosen.csv'])
    // the web-mode fallback folder was never used
    expect(existsSync(join(dataDir, 'exports'))).toBe(false)
  })
})
