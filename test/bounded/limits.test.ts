import { describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { MAX_INPUT_VALUES, MAX_SQL_CHARS } from '../../src/shared/contract'
import { splitStatements } from '../../src/shared/statement-split'
import { createDispatcher } from '../../src/main/services/rpc/dispatcher'
import type { AppHandlers } from '../../src/main/services/rpc/handlers'
import { engineFor } from '../../src/main/services/engines'
import { analyseSql } from '../../src/main/services/statements'
import { ready } from '../../src/main/services/statements/analyse'
import { SPLIT_IN_WORKER_CHARS, splitStatementsBounded } from '../../src/main/services/statements/split-bounded'

/** Handlers are never reached: every input here is refused before the call runs. */
const dispatch = createDispatcher({} as AppHandlers)
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now()
  const v = await f()
  return [v, performance.now() - t]
}

describe('input size limits', () => {
  it('refuses SQL text over the limit with INVALID_INPUT', async () => {
    const sql = 'x'.repeat(MAX_SQL_CHARS + 1)
    for (const [name, input] of [
      ['query.run', { connectionId: 'c', sql }],
      ['tabs.save', { id: 't', title: 't', sql, connectionId: null }],
      ['export.start', { source: { kind: 'query', connectionId: 'c', sql }, format: 'csv', fileName: 'a.csv' }]
    ] as const) {
      const envelope = await dispatch(name, input)
      expect(envelope.ok, name).toBe(false)
      if (!envelope.ok) expect(envelope.error.code, name).toBe('INVALID_INPUT')
    }
  })

  it('refuses a 4-million-item array quickly, before the schema walks it', async () => {
    const ids = Array.from({ length: 4_000_000 }, () => 'a')
    const [envelope, ms] = await timed(() => dispatch('tabs.reorder', { ids }))
    console.log(`[bounded] 4M-item input refused in ${ms.toFixed(1)} ms`)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(ms).toBeLessThan(1000)
    const wide = Object.fromEntries(Array.from({ length: MAX_INPUT_VALUES }, (_, i) => [`k${i}`, i]))
    expect(await dispatch('app.ping', wide)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('has no query.split call any more (the renderer splits locally)', async () => {
    expect(await dispatch('query.split', { connectionId: 'c', sql: 'select 1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

/** A script past the worker threshold with the constructs each splitter must respect. */
function bigScript(dialect: Dialect): string {
  const parts: Record<Dialect, string> = {
    postgres: `select 1 as a; -- note ;\ncreate function f() returns int as $$ begin return 1; end; $$ language plpgsql;\n/* c; */ update t set a = 'x;y';\n`,
    duckdb: `select 1 as a; -- note ;\nselect 'x;y' as s; /* c; */ delete from t;\n`,
    mysql: `select 1;\nDELIMITER //\ncreate procedure p() begin select 1; select 2; end //\nDELIMITER ;\nselect /*!50000 2 */; -- x ;\n`,
    sqlite: `select ';' as a; -- not ; here\ncreate trigger tr after insert on t begin update t set a = 1; end;\nvacuum;\n`,
    mssql: `select 1\nGO\nselect 'a;b'\nselect 3\nGO\n`
  } as Record<Dialect, string>
  const unit = parts[dialect]
  return unit.repeat(Math.ceil((SPLIT_IN_WORKER_CHARS * 1.5) / unit.length)) + '-- trailing comment only'
}

describe('splitting and analysing large scripts off the event loop', () => {
  for (const dialect of ['postgres', 'mysql', 'sqlite', 'mssql', 'duckdb'] as const) {
    it(`gives the same pieces and verdicts as the inline path (${dialect})`, async () => {
      const sql = bigScript(dialect)
      const pieces = await splitStatementsBounded(sql, dialect)
      expect(pieces).toEqual(splitStatements(sql, dialect))
      const rules = engineFor(dialect).statements
      await ready(rules)
      const reference = splitStatements(sql, dialect).map((piece) => {
        try {
          return { ...piece, ...rules.classify(piece.text, {}) }
        } catch (e) {
          return { ...piece, kind: 'unknown', reason: `could not be analysed (${e instanceof Error ? e.message : String(e)})` }
        }
      })
      expect((await analyseSql(dialect, sql)).statements).toEqual(reference)
    })
  }
})
