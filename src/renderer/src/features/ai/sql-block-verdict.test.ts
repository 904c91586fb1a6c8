import { describe, expect, it } from 'vitest'
import type { AiSqlCheck } from '../../../../shared/contract'
import { verdictOf, type CheckState } from './sql-block-verdict'

const checked = (check: Partial<AiSqlCheck>): CheckState => ({
  status: 'checked',
  check: { sql: 'x', parsed: true, classification: 'read', unknownTables: [], unknownColumns: [], warnings: [], ...check }
})

describe('what Run does with an SQL block of an answer', () => {
  it('waits for the check', () => {
    expect(verdictOf({ status: 'checking' }, 'SELECT 1', false).run).toBe('wait')
    expect(verdictOf({ status: 'idle' }, 'SELECT 1', false).run).toBe('wait')
  })

  it('runs a read that passed the check; asks first for anything else', () => {
    expect(verdictOf(checked({}), 'SELECT 1', false)).toEqual({ kind: 'read', problems: [], run: 'run' })
    expect(verdictOf(checked({ classification: 'write' }), 'DELETE FROM t', false).run).toBe('confirm')
    expect(verdictOf(checked({ classification: 'ddl' }), 'DROP TABLE t', false).run).toBe('confirm')
    expect(verdictOf(checked({ classification: 'unknown' }), 'CALL p()', false).run).toBe('confirm')
  })

  it('never offers a change on a read-only connection, even with an override', () => {
    expect(verdictOf(checked({ classification: 'write' }), 'DELETE FROM t', true).run).toBe('refused')
    expect(verdictOf(checked({ classification: 'write', unknownTables: ['t'], warnings: ['Unknown table: t'] }), 'DELETE FROM t', true).run).toBe('refused')
    expect(verdictOf({ status: 'failed', message: 'gone' }, 'DELETE FROM t', true).run).toBe('refused')
    expect(verdictOf(checked({}), 'SELECT 1', true).run).toBe('run')
  })

  it('makes a read that failed the schema check an explicit override, saying why', () => {
    const unknownTable = verdictOf(checked({ unknownTables: ['nowhere'], warnings: ['Unknown table: nowhere'] }), 'SELECT * FROM nowhere', false)
    expect(unknownTable).toEqual({ kind: 'read', problems: ['Unknown table: nowhere'], run: 'confirm' })
    expect(verdictOf(checked({ unknownColumns: ['c.zip'], warnings: ['Unknown column: c.zip'] }), 'SELECT zip FROM c', false).problems).toEqual(['Unknown column: c.zip'])
    expect(verdictOf(checked({ parsed: false, warnings: [] }), 'SELEC 1', false).problems).toEqual(['It could not be parsed.'])
    expect(verdictOf({ status: 'failed', message: 'timeout' }, 'SELECT 1', false)).toEqual({ kind: 'unknown', problems: ['Could not check this SQL: timeout'], run: 'confirm' })
  })

  it("treats values hidden from the model ('?1') as a problem", () => {
    const v = verdictOf(checked({}), "SELECT * FROM o WHERE status = '?1'", false)
    expect(v.run).toBe('confirm')
    expect(v.problems[0]).toMatch(/hidden from the model/)
  })
})
