import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { getDriver } from '../../src/main/services/engines'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import type { ConnectParams, DriverSession } from '../../src/main/services/drivers/types'
import { engines, exec } from './engines'

const rejections: Record<string, number> = {}

afterAll(() => {
  const summary = engines.map((e) => `${e.dialect}=${rejections[e.dialect] ?? 'skipped'}`).join(' ')
  console.log(`CONFORMANCE read-only rejections: ${summary}`)
})

async function failure(p: Promise<unknown>): Promise<AppError> {
  const result = await p.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(result, 'expected the call to fail').toBeInstanceOf(AppError)
  return result as AppError
}

for (const engine of engines) {
  if (engine.skipReason) console.log(`[conformance] ${engine.label}: SKIPPED (${engine.skipReason})`)

  describe.skipIf(Boolean(engine.skipReason))(`driver conformance: ${engine.label}`, () => {
    let params: ConnectParams
    let teardown: () => Promise<void>
    const open: DriverSession[] = []
    const connect = async (readOnly = false): Promise<DriverSession> => {
      const s = await getDriver(engine.dialect).connect({ ...params, readOnly })
      open.push(s)
      return s
    }

    beforeAll(async () => {
      ;({ params, teardown } = await engine.setup())
    })
    afterAll(async () => {
      await Promise.all(open.map((s) => s.close()))
      await teardown?.()
    })

    it('connects and reports a server version', async () => {
      const s = await connect()
      expect(await s.serverVersion()).toMatch(/\d+\.\d+/)
      expect(s.closed).toBe(false)
      await s.close()
      expect(s.closed).toBe(true)
    })

    it('round-trips types exactly, with column metadata', async () => {
      const s = await connect()
      if (engine.roundTripPrelude) await exec(s, engine.roundTripPrelude)
      await exec(s, engine.roundTripSetup)
      const [r] = (await exec(s, 'select * from rt')).results
      const names = Object.keys(engine.expected)
      expect(r.columns.map((c) => c.name)).toEqual(names)
      const got = Object.fromEntries(r.columns.map((c, i) => [c.name, { value: r.rows[0][i], kind: c.kind, nullable: c.nullable }]))
      for (const name of names) {
        const want = engine.expected[name]
        expect(got[name].value, `${name} value`).toEqual(want.value)
        expect(got[name].kind, `${name} kind`).toBe(want.kind)
        if (want.nullable !== undefined) expect(got[name].nullable, `${name} nullable`).toBe(want.nullable)
      }
      for (const c of r.columns) expect(c.dbType, `${c.name} dbType`).not.toBe('')
      // every cell survives JSON unchanged
      expect(JSON.parse(JSON.stringify(r.rows))).toEqual(r.rows)
    })

    it('runs several statements as several result sets and streams in batches', async () => {
      const s = await connect()
      const sink = new CollectingSink()
      await s.execute("select 1 as a; select 'x' as b, 2 as c;\nupdate t set v = v where id = 1", sink, { batchSize: 1 })
      expect(sink.results.map((r) => r.columns.map((c) => c.name))).toEqual([['a'], ['b', 'c'], []])
      expect(sink.results[0].rows).toEqual([[engine.dialect === 'mysql' || engine.dialect === 'mssql' ? 1 : 1]])
      expect(sink.results[1].rows).toEqual([['x', 2]])
      expect(sink.results[2].rowsAffected).toBe(1)
      const streamed = new CollectingSink()
      await s.execute('select id from t order by id', streamed, { batchSize: 1 })
      expect(streamed.results[0].rows).toEqual([[1], [2]])
      expect(streamed.results[0].batches).toBe(2)
    })

    it('reports a syntax error with its position in the submitted text, and the session stays usable', async () => {
      const s = await connect()
      const err = await failure(s.execute(engine.syntaxError.sql, new CollectingSink()))
      expect(err.code).toBe('SQL_ERROR')
      expect(err.detail).toMatchObject({ line: engine.syntaxError.line, column: engine.syntaxError.column })
      expect((await exec(s, 'select 1 as ok')).results[0].rows).toEqual([[1]])
    })

    it('cancels a long statement within 2 s, and the session stays usable', async () => {
      const s = await connect()
      const sink = new CollectingSink()
      const running = s.execute(engine.longStatement, sink, { batchSize: 200 })
      const outcome = failure(running) // handled from the start: the rejection may come before cancel() returns
      await new Promise((r) => setTimeout(r, 300))
      const started = Date.now()
      await s.cancel()
      const err = await outcome
      expect(err.code).toBe('CANCELLED')
      expect(Date.now() - started).toBeLessThan(2000)
      expect((await exec(s, 'select 1 as ok')).results[0].rows).toEqual([[1]])
    })

    it('an abort signal and cancel() together stop only the running statement: the next one completes', async () => {
      const s = await connect()
      for (let round = 0; round < 3; round++) {
        const abort = new AbortController()
        const outcome = failure(s.execute(engine.longStatement, new CollectingSink(), { signal: abort.signal }))
        await new Promise((r) => setTimeout(r, 300))
        abort.abort() // the query service does both: abort its run, then cancel the session
        await s.cancel()
        expect((await outcome).code).toBe('CANCELLED')
        expect((await exec(s, 'select 1 as ok')).results[0].rows, `round ${round}: the next statement`).toEqual([[1]])
      }
    })

    it('read-only mode rejects every write form, leaves the data as it was, and reads still work', async () => {
      const ro = await connect(true)
      const rw = await connect(false)
      const count = async (): Promise<unknown> => (await exec(rw, 'select count(*) as n from t')).results[0].rows[0][0]
      const before = await count()
      let rejected = 0
      for (const form of engine.writeForms) {
        const err = await failure(ro.execute(form.sql, new CollectingSink()))
        expect(`${form.name}: ${err.code}`).toBe(`${form.name}: READ_ONLY`)
        expect(await count(), `${form.name} changed the data`).toEqual(before)
        expect((await exec(ro, 'select count(*) as n from t')).results[0].rows[0][0], `${form.name}: reads after`).toEqual(before)
        rejected++
      }
      expect(rejected).toBeGreaterThanOrEqual(10)
      rejections[engine.dialect] = rejected
    })
  })
}
