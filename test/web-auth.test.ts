import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dispatch } from '../src/main/services/rpc/dispatcher'
import { startWebServer, type RunningWebServer } from '../src/main/services/web/web-server'
import { PageSessions, RESUME_GRACE_MS } from '../src/main/services/web/web-token'
import { rawGet, type RawResponse } from './support/raw-get'

const token = 'auth-token-0123456789abcdef'
let server: RunningWebServer
let origin: string
const dispatch: Dispatch = async (call) => ({ ok: true, value: { call } }) as never

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-auth-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>')
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'assets', 'a.js'), 'export {}')
  const downloads = mkdtempSync(join(tmpdir(), 'qg-auth-dl-'))
  writeFileSync(join(downloads, 'x.csv'), 'a,b\n')
  server = await startWebServer({ port: 0, token, rendererDir: dir, dispatch, downloads: { path: (id) => (id === 'x_AAAAAAAAAAAAAAAA' ? join(downloads, 'x.csv') : undefined) } })
  origin = `http://127.0.0.1:${server.port}`
})
afterAll(async () => {
  await server?.close()
})

function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawGet(server.port, path, headers)
}

/** Opens /rpc with these headers; 'open' plus the socket, or the refusal message. */
function upgrade(query: string, headers: Record<string, string>): Promise<{ result: string; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers })
    ws.on('open', () => resolve({ result: 'open', ws }))
    ws.on('error', (e) => resolve({ result: e.message }))
  })
}

function call(ws: WebSocket, id: string, name: string): Promise<{ ok: boolean; value?: Record<string, string> }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(String(data)) as { id?: string; ok: boolean; value?: Record<string, string> }
      if (msg.id !== id) return
      ws.off('message', onMessage)
      resolve(msg)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, call: name, input: {} }))
  })
}

const closed = (ws: WebSocket): Promise<void> => new Promise((r) => (ws.readyState === ws.CLOSED ? r() : ws.once('close', () => r())))

describe('web mode: no ambient credential', () => {
  it('never sets a cookie, and a replayed old cookie opens nothing', async () => {
    const page = await get(`/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers['set-cookie']).toBeUndefined()
    const cookie = { cookie: `qg_token=${token}` }
    expect((await get('/', cookie)).status).toBe(401)
    expect((await get('/download/x_AAAAAAAAAAAAAAAA', cookie)).status).toBe(401)
    expect((await get('/auth', cookie)).status).toBe(401)
    expect((await upgrade('', { ...cookie, Origin: origin })).result).toMatch(/401/)
  })

  it('serves the public shell and assets without a credential, the token page only with it', async () => {
    expect((await get('/')).status).toBe(401)
    expect((await get('/index.html')).status).toBe(401)
    expect((await get(`/?token=${'x'.repeat(token.length)}`)).status).toBe(401)
    expect((await get('/app')).body).toContain('shell')
    expect((await get('/assets/a.js')).status).toBe(200)
  })

  it('checks Host on every request and upgrade (DNS rebinding)', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`]) {
      expect((await get(`/?token=${token}`, { host })).status, host).toBe(403)
      expect((await get('/app', { host })).status, host).toBe(403)
      expect((await upgrade(`?token=${token}`, { host, Origin: origin })).result, host).toMatch(/401/)
    }
    expect((await get(`/?token=${token}`, { host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('requires the exact Origin on upgrades: missing, foreign, other-port and rebinding origins are refused', async () => {
    expect((await upgrade(`?token=${token}`, {})).result).toMatch(/401/)
    for (const bad of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, `http://localhost:${server.port + 1}`, `https://127.0.0.1:${server.port}`, `http://evil.example:${server.port}`, 'null']) {
      expect((await upgrade(`?token=${token}`, { Origin: bad })).result, bad).toMatch(/401/)
    }
    // a foreign Origin on a plain request is refused too (a cross-origin fetch of a download)
    expect((await get(`/download/x_AAAAAAAAAAAAAAAA?token=${token}`, { origin: 'http://127.0.0.1:1' })).status).toBe(403)
    const ok = await upgrade(`?token=${token}`, { Origin: `http://localhost:${server.port}` })
    expect(ok.result).toBe('open')
    ok.ws!.close()
  })

  it('a page session: single-use resume secret for a reload, download key only while connected', async () => {
    const first = await upgrade(`?token=${token}`, { Origin: origin })
    const session = (await call(first.ws!, 's1', 'web.session')).value!
    expect(session.resume).toBeTruthy()
    expect(session.download).toBeTruthy()
    expect((await get(`/download/x_AAAAAAAAAAAAAAAA?key=${session.download}`)).body).toBe('a,b\n')
    expect((await get(`/download/x_AAAAAAAAAAAAAAAA?key=${session.resume}`)).status).toBe(401)
    expect((await get(`/auth?resume=${session.resume}`)).status).toBe(204)
    expect((await get(`/auth?token=${token}`)).status).toBe(204)
    expect((await get('/auth?resume=nope')).status).toBe(401)

    // the resume secret cannot be used from a foreign origin (and a refused try does not use it up)
    expect((await upgrade(`?resume=${session.resume}`, { Origin: 'http://127.0.0.1:1' })).result).toMatch(/401/)
    expect((await get(`/auth?resume=${session.resume}`)).status).toBe(204)

    // "reload": the first connection goes away, the secret opens one new connection, which gets new secrets
    first.ws!.close()
    await closed(first.ws!)
    expect((await get(`/download/x_AAAAAAAAAAAAAAAA?key=${session.download}`)).status).toBe(401)
    const second = await upgrade(`?resume=${session.resume}`, { Origin: origin })
    expect(second.result).toBe('open')
    expect((await call(second.ws!, 'p', 'app.ping')).ok).toBe(true)
    expect((await upgrade(`?resume=${session.resume}`, { Origin: origin })).result).toMatch(/401/)
    expect((await get(`/auth?resume=${session.resume}`)).status).toBe(401)
    const next = (await call(second.ws!, 's2', 'web.session')).value!
    expect(next.resume).not.toBe(session.resume)
    second.ws!.close()
  })

  it('a resume secret dies a grace period after its connection closes', () => {
    let now = 1000
    const sessions = new PageSessions(() => now)
    const a = sessions.issue()
    now += RESUME_GRACE_MS * 10
    expect(sessions.resumeValid(a.resume)).toBe(true) // open connection: no expiry
    a.closed()
    expect(sessions.downloadKeyValid(a.download)).toBe(false)
    now += RESUME_GRACE_MS - 1
    expect(sessions.resumeValid(a.resume)).toBe(true)
    now += 1
    expect(sessions.consumeResume(a.resume)).toBe(false)
  })
})
