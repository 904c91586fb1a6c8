import { describe, expect, it } from 'vitest'
import { engines } from '../../../../test/conformance/engines'
import { AppError } from '../../../shared/errors'
import { assertNoReadWriteSwitch, assertSqlServerReadOnly, codeOnly } from './read-only-guard'

const code = (fn: () => void): string | undefined => {
  try {
    fn()
    return undefined
  } catch (e) {
    return (e as AppError).code
  }
}

describe('SQL Server read-only classification (the engine cannot enforce it)', () => {
  const mssql = engines.find((e) => e.dialect === 'mssql')!
  it.each(mssql.writeForms.map((f) => [f.name, f.sql]))('refuses %s', (_name, sql) => {
    expect(code(() => assertSqlServerReadOnly(sql))).toBe('READ_ONLY')
  })

  it.each([
    'select * from t',
    "select 'insert into t' as words -- update t",
    'with x as (select 1 as a) select a from x',
    'declare @n int = 3; select @n',
    'set nocount on; select [update] from t',
    "waitfor delay '00:00:01'",
    'select * from sys.tables where name = N\'drop\''
  ])('allows %s', (sql) => {
    expect(code(() => assertSqlServerReadOnly(sql))).toBeUndefined()
  })
})

describe('read-write switch guard (engines that enforce read-only in the session)', () => {
  it.each([
    ['postgres', 'set default_transaction_read_only = off'],
    ['postgres', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'],
    ['postgres', 'begin read write'],
    ['postgres', "select set_config('transaction_read_only', 'off', false)"],
    ['postgres', "do $$ begin execute 'x'; commit; end $$"],
    ['postgres', 'call p()'],
    ['postgres', "alter system set work_mem = '1GB'"],
    ['mysql', 'SET @@session.transaction_read_only = 0'],
    ['mysql', "prepare s from 'x'"],
    ['mysql', 'start transaction read write']
  ] as const)('%s refuses %s', (dialect, sql) => {
    expect(code(() => assertNoReadWriteSwitch(sql, dialect))).toBe('READ_ONLY')
  })

  it('ignores words inside strings and comments', () => {
    expect(code(() => assertNoReadWriteSwitch("select 'it is read-only' -- transaction_read_only, read write", 'postgres'))).toBeUndefined()
    expect(codeOnly("a 'b' /* c */ d", 'postgres')).toBe("a  ''    d")
  })
})
