import fc from 'fast-check'
import WebSocket from 'ws'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callNames, calls } from '../src/shared/contract'
import { errorCodes } from '../src/shared/errors'
import type { AppServices } from '../src/main/services/app-services'
import type { Dispatch } from '../src/main/services/rpc/dispatcher'
import { startWebServer, type RunningWebServer } from '../src/main/services/web/web-server'
import { createTestApp } from './app-harness'

let services: AppServices
let dispatch: Dispatch
let server: RunningWebServer
const token = 'fuzz-token-0123456789'

beforeAll(async () => {
  ;({ services, dispatch } = await createTestApp())
  server = await startWebServer({ port: 0, token, rendererDir: mkdtempSync(join(tmpdir(), 'qg-empty-')), dispatch })
})
afterAll(async () => {
  await server.close()
  await services.close()
})

const anyCall = fc.tuple(
  fc.constantFrom(...callNames),
  fc.anything({ withBigInt: false, withMap: true, withSet: true, withDate: true, withTypedArray: true })
)
/** The dispatcher treats a missing input as `{}` (calls without parameters may omit it). */
const invalidFor = (name: (typeof callNames)[number], input: unknown): boolean => !calls[name].input.safeParse(input ?? {}).success

/** Payloads that cannot satisfy the named call's schema, as the IPC binding receives them. */
const malformedCall = anyCall.filter(([name, input]) => invalidFor(name, input))

/** The same after the JSON round trip of the WebSocket (Maps become {}, Dates strings, undefined disappears). */
const malformedJsonCall = anyCall
  .map(([name, input]) => [name, (JSON.parse(JSON.stringify({ input })) as { input?: unknown }).input] as const)
  .filter(([name, input]) => invalidFor(name, input))

const codes = new Set<string>(errorCodes)

async function snapshot(): Promise<unknown> {
  return [await dispatch('settings.get', {}), await dispatch('connections.list', {})]
}

describe('fuzzing both transports', () => {
  it('the dispatcher (the IPC binding) rejects thousands of malformed payloads with typed errors', async () => {
    const before = await snapshot()
    await fc.assert(
      fc.asyncProperty(malformedCall, async ([name, input]) => {
        const envelope = await dispatch(name, input)
        expect(envelope.ok).toBe(false)
        if (!envelope.ok) expect(envelope.error.code).toBe('INVALID_INPUT')
      }),
      { numRuns: 3000 }
    )
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (name, input) => {
        const envelope = await dispatch(name, input)
        if (!envelope.ok) expect(codes.has(envelope.error.code)).toBe(true)
      }),
      { numRuns: 1000 }
    )
    expect(await snapshot()).toEqual(before)
  })

  it('the WebSocket rejects random frames and malformed calls, answers each, and stays up', async () => {
    const before = await snapshot()
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${token}`)
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    const replies: Array<{ ok: boolean; error?: { code: string } }> = []
    ws.on('message', (data) => replies.push(JSON.parse(String(data))))

    const frames: Array<string | Buffer> = []
    fc.sample(fc.string({ maxLength: 200 }), 700).forEach((s) => frames.push(s))
    fc.sample(fc.json(), 700).forEach((s) => frames.push(s))
    fc.sample(fc.uint8Array({ maxLength: 64 }), 100).forEach((b) => frames.push(Buffer.from(b)))
    fc.sample(malformedJsonCall, 1500).forEach(([name, input], i) => frames.push(JSON.stringify({ id: i, call: name, input })))
    for (const frame of frames) ws.send(frame)
    ws.send(JSON.stringify({ id: 'last', call: 'app.ping', input: { echo: 'still here' } }))

    await expect.poll(() => replies.length, { timeout: 60_000 }).toBe(frames.length + 1)
    const last = replies.at(-1) as { ok: boolean; value?: { echo?: string } }
    expect(last).toMatchObject({ ok: true, value: { echo: 'still here' } })
    for (const reply of replies.slice(0, -1)) {
      expect(reply.ok).toBe(false)
      expect(codes.has(reply.error!.code)).toBe(true)
    }
    ws.close()
    expect(await snapshot()).toEqual(before)
  })

  it('refuses connections without the token', async () => {
    const result = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=wrong`)
      ws.on('open', () => resolve('open'))
      ws.on('error', (e) => resolve(e.message))
    })
    expect(result).toMatch(/401/)
    const res = await fetch(`http://127.0.0.1:${server.port}/index.html`)
    expect(res.status).toBe(401)
  })
})
