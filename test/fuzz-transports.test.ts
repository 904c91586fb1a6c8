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
import { bigSqliteFile, idleBaseline, PING_BOUND_MS, pingWhile, until, watchRuns, type PingStats } from './bounded/responsiveness'

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
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } })
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
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=wrong`, { headers: { Origin: `http://127.0.0.1:${server.port}` } })
      ws.on('open', () => resolve('open'))
      ws.on('error', (e) => resolve(e.message))
    })
    expect(result).toMatch(/401/)
    const res = await fetch(`http://127.0.0.1:${server.port}/index.html`)
    expect(res.status).toBe(401)
  })
})

/**
 * Issue 13: no single call stalls the others. A ping through the real dispatcher is answered within PING_BOUND_MS
 * (95th percentile; every number is printed as `[ping] …`) while the heaviest call of each area runs.
 */
/** The 200-run case's bound: both cores are busy with the worker pool by design (see there). */
const CONCURRENT_RUNS_BOUND_MS = 250

describe('a ping stays responsive while the heaviest calls run', () => {
  let sqliteId: string
  const all: PingStats[] = []
  /**
   * p95 within PING_BOUND_MS of what the machine gives an idle ping right now (its p95, measured before each load):
   * other processes on a busy 2-core machine delay timers whatever this app does.
   */
  const bounded = async (label: string, load: () => Promise<unknown>, bound = PING_BOUND_MS): Promise<void> => {
    // up to 5 tries: a neighbour's burst of CPU during one measurement is not this app's stall
    for (let attempt = 1; ; attempt++) {
      const idle = await idleBaseline(dispatch)
      const stats = await pingWhile(label, dispatch, load)
      all.push(idle, stats)
      if (stats.p95 <= bound + idle.p95 || attempt === 5) {
        expect(stats.p95, `${label}: p95 ${stats.p95} ms (max ${stats.max} ms; idle p95 ${idle.p95} ms)`).toBeLessThanOrEqual(bound + idle.p95)
        return
      }
    }
  }
  const create = async (input: Record<string, unknown>): Promise<string> => {
    const created = await dispatch('connections.create', input)
    if (!created.ok) throw new Error(created.error.message)
    return (created.value as { id: string }).id
  }

  beforeAll(async () => {
    const file = bigSqliteFile(mkdtempSync(join(tmpdir(), 'qg-ping-')), 1500)
    // production and writable: a script ending in a write is analysed in full, then needs confirmation (nothing runs)
    sqliteId = await create({ name: 'ping sqlite', dialect: 'sqlite', filePath: file, tag: 'production', readOnly: false })
  }, 120_000)
  afterAll(() => {
    for (const s of all) console.log(`[ping] summary ${s.label}: p50 ${s.p50} / p95 ${s.p95} / max ${s.max} ms over ${s.pings} pings`)
  })

  it('while a 5 MB SQLite query.run is analysed', async () => {
    const sql = 'select a, b from t where id = 12345 and a = \'some text;\';\n'.repeat(90_000) + 'delete from t'
    expect(sql.length).toBeGreaterThan(5_000_000)
    let code = ''
    await bounded('query.run 5 MB (sqlite analysis)', async () => {
      const r = await dispatch('query.run', { connectionId: sqliteId, sql })
      code = r.ok ? 'ok' : r.error.code
    })
    expect(code).toBe('CONFIRMATION_REQUIRED')
  }, 120_000)

  it.skipIf(!process.env.PG_URL)('while a 5 MB PostgreSQL query.run is analysed (libpg-query per statement)', async () => {
    const url = new URL(process.env.PG_URL!)
    const pgId = await create({
      name: 'ping postgres',
      dialect: 'postgres',
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database: url.pathname.slice(1),
      tag: 'production',
      readOnly: false
    })
    const sql = 'select a, b from t where id = 12345 and a = \'some text;\';\n'.repeat(90_000) + 'delete from t'
    let code = ''
    await bounded('query.run 5 MB (postgres analysis)', async () => {
      const r = await dispatch('query.run', { connectionId: pgId, sql })
      code = r.ok ? 'ok' : r.error.code
    })
    expect(code).toBe('CONFIRMATION_REQUIRED')
  }, 180_000)

  it('while the schema of 1,500 tables is read and linted', async () => {
    const codes: string[] = []
    await bounded('schema.get refresh + docs.lint (1,500 tables)', async () => {
      codes.length = 0
      for (const [name, input] of [
        ['schema.get', { connectionId: sqliteId, refresh: true }],
        ['docs.lint', { connectionId: sqliteId }]
      ] as const) {
        const r = await dispatch(name, input)
        codes.push(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`)
      }
    })
    expect(codes).toEqual(['ok', 'ok'])
  }, 180_000)

  it('while 200 SQLite runs are started at once (all of them finish)', async () => {
    const runs = watchRuns(services)
    const ids = new Set<string>()
    try {
      // 200 runs keep the pool's worker processes busy on both cores: the main process gets its share of the CPU, not
      // all of it, so its pings wait on the scheduler (p50 stays ~5 ms). A stall of the kind this guards against
      // (a call holding the event loop for seconds) is still far outside this bound.
      await bounded('200 concurrent SQLite query.run', async () => {
        ids.clear()
        const started = await Promise.all(Array.from({ length: 200 }, (_, i) => dispatch('query.run', { connectionId: sqliteId, sql: `select count(*) + ${i} from t` })))
        for (const r of started) {
          if (!r.ok) throw new Error(r.error.message)
          ids.add((r.value as { runId: string }).runId)
        }
        await until('200 runs to finish', () => [...ids].every((id) => runs.finished.has(id)))
      }, CONCURRENT_RUNS_BOUND_MS)
      expect([...ids].filter((id) => runs.errors.has(id)).map((id) => runs.errors.get(id))).toEqual([])
    } finally {
      runs.stop()
    }
  }, 180_000)
})
