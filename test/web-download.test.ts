import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../src/main/services/app-services'
import type { Dispatch } from '../src/main/services/rpc/dispatcher'
import { startWebServer, type RunningWebServer } from '../src/main/services/web/web-server'
import { createTestApp } from './app-harness'
import { rawGet, type RawResponse } from './support/raw-get'

let services: AppServices
let dispatch: Dispatch
let dataDir: string
let server: RunningWebServer
const token = 'download-token-0123456789'
const SQL = 'SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 3'

beforeAll(async () => {
  ;({ services, dispatch, dataDir } = await createTestApp())
  server = await startWebServer({
    port: 0,
    token,
    rendererDir: mkdtempSync(join(tmpdir(), 'qg-empty-')),
    dispatch,
    downloads: { path: services.downloadPath }
  })
})
afterAll(async () => {
  await server?.close()
  await services?.close()
})

/** A raw GET (no URL normalisation by a client library), with the launch token in the query unless told otherwise. */
function get(rawPath: string, withToken = true): Promise<RawResponse> {
  return rawGet(server.port, withToken ? `${rawPath}${rawPath.includes('?') ? '&' : '?'}token=${token}` : rawPath)
}

async function sampleId(): Promise<string> {
  const list = await dispatch('connections.list', {})
  if (!list.ok) throw new Error(list.error.message)
  return (list.value as { id: string; builtin?: boolean }[]).find((c) => c.builtin)!.id
}

/** Exports `sql` from the sample database to CSV and waits for the export's final state. */
async function exportCsv(sql: string, fileName: string): Promise<{ exportId: string; path: string; state: string }> {
  const states = new Map<string, string>()
  const off = services.events.subscribe((name, payload) => {
    const p = payload as { exportId: string; state: string }
    if (name === 'export.progress' && p.state !== 'running') states.set(p.exportId, p.state)
  })
  try {
    const started = await dispatch('export.start', { source: { kind: 'query', connectionId: await sampleId(), sql }, format: 'csv', fileName })
    if (!started.ok) throw new Error(started.error.message)
    const value = started.value as { exportId: string; path: string }
    await expect.poll(() => states.get(value.exportId), { timeout: 10_000 }).toBeDefined()
    return { ...value, state: states.get(value.exportId)! }
  } finally {
    off()
  }
}

describe('web-mode export downloads', () => {
  it('serves a finished export by its id as an attachment, only with the token', async () => {
    const { exportId, path, state } = await exportCsv(SQL, 'customers "top" ;3')
    expect(state).toBe('done')
    const res = await get(`/download/${exportId}`)
    expect(res.status).toBe(200)
    expect(res.body).toBe(readFileSync(path, 'utf8'))
    const lines = res.body.trim().split(/\r?\n/)
    expect(lines[0]).toBe('customer_id,email')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(/^1,\S+@\S+$/)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    // the quote and semicolon of the file name never reach the header unescaped
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers _top_ _3\.csv"; filename\*=UTF-8''/)
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body))

    const anonymous = await get(`/download/${exportId}`, false)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).not.toContain('customer_id')
    expect((await get(`/download/${exportId}?token=wrong`, false)).status).toBe(401)
    expect((await get(`/download/${exportId}?token=${token}`, false)).status).toBe(200)
    // the old cookie is no credential any more: a local server that received it could replay nothing
    const cookieOnly = await rawGet(server.port, `/download/${exportId}`, { cookie: `qg_token=${token}` })
    expect(cookieOnly.status).toBe(401)
  })

  it('answers 404 for unknown ids, traversal attempts and anything that is not an export id', async () => {
    // a file in the data folder and one outside it, which must never be served
    writeFileSync(join(dataDir, 'exports', 'planted.csv'), 'secret-inside\n')
    const outside = join(mkdtempSync(join(tmpdir(), 'qg-outside-')), 'secret.csv')
    writeFileSync(outside, 'secret-outside\n')
    const probes = [
      '/download/x_AAAAAAAAAAAAAAAA',
      '/download/',
      '/download/..',
      '/download/../secret.key',
      '/download/..%2fsecret.key',
      '/download/%2e%2e%2fsecret.key',
      '/download/x_AAAAAAAA%2f..%2f..%2fsecret.key',
      '/download/x_AAAAAAAA/../../settings.json',
      '/download/planted.csv',
      '/download/exports%2fplanted.csv',
      `/download/${encodeURIComponent(outside)}`,
      `/download/${encodeURIComponent(join(dataDir, 'secret.key'))}`,
      '/download/r_AAAAAAAAAAAA',
      '/download/x_%00AAAAAAA',
      '/download/x_AAAAAAAA%5c..%5csecret.key'
    ]
    for (const probe of probes) {
      const res = await get(probe)
      expect.soft(res.status, probe).toBe(404)
      expect(res.body).not.toMatch(/secret-|customer_id/)
    }
    // a failed export is not downloadable either
    const failed = await exportCsv('SELECT nope FROM nowhere', 'bad')
    expect(failed.state).toBe('error')
    expect((await get(`/download/${failed.exportId}`)).status).toBe(404)
  })
})
