import { describe, expect, it } from 'vitest'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { SchemaModel, TableModel } from '../../../shared/schema-model'
import { changeSql } from './dml'
import { literal } from './values'
import { checkWhereText, selectCount, selectPage } from './select'
import { inlineEnumValues, tableInfo } from './table-info'

const table: TableModel = {
  schema: 'dbo',
  name: 'items',
  kind: 'table',
  columns: [
    { name: 'id', type: 'int', nullable: false },
    { name: 'name', type: 'nvarchar(50)', nullable: true },
    { name: 'bin', type: 'varbinary(max)', nullable: true },
    { name: 'total', type: 'int', nullable: true, generated: 'qty * 2' }
  ],
  primaryKey: { name: 'pk_items', columns: ['id'] },
  foreignKeys: [],
  indexes: [],
  constraints: [],
  triggers: []
}
const model = (t: TableModel, defaultSchema = 'dbo'): SchemaModel =>
  ({ dialect: 'mssql', database: 'x', defaultSchema, schemas: [defaultSchema], tables: [t], routines: [], sequences: [], enums: [], domains: [], fingerprint: '', introspectedAt: '' }) as SchemaModel
const kinds = [
  { name: 'id', dbType: 'int', kind: 'number' as const },
  { name: 'name', dbType: 'nvarchar', kind: 'text' as const },
  { name: 'bin', dbType: 'varbinary', kind: 'binary' as const },
  { name: 'total', dbType: 'int', kind: 'number' as const }
]

describe('data SQL builders', () => {
  const mssql = factsOf('mssql')
  const info = tableInfo(model(table), table, kinds)

  it('pages SQL Server with OFFSET … FETCH (ordered by the key, or by nothing)', () => {
    expect(selectPage(mssql, info, { offset: 20, limit: 10 })).toBe('SELECT [id], [name], [bin], [total] FROM [items] ORDER BY [id] ASC OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY')
    const nokey = tableInfo(model({ ...table, primaryKey: null }), { ...table, primaryKey: null }, kinds)
    expect(nokey.key).toBeNull()
    expect(nokey.structuralReason).toMatch(/no primary key/)
    expect(selectPage(mssql, nokey, { offset: 0, limit: 5, filters: [{ column: 'name', op: 'like', value: "o'k%" }] })).toBe(
      "SELECT [id], [name], [bin], [total] FROM [items] WHERE [name] LIKE N'o''k%' ORDER BY (SELECT NULL) OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY"
    )
    const other = tableInfo(model(table, 'sales'), table, kinds)
    expect(selectCount(mssql, other, { where: 'id > 1' })).toBe('SELECT COUNT(*) FROM [dbo].[items] WHERE (\nid > 1\n)')
  })

  it('pages LIMIT engines and casts non-text columns for LIKE', () => {
    const pg = factsOf('postgres')
    expect(selectPage(pg, info, { offset: 0, limit: 3, orderBy: [{ column: 'name', direction: 'desc' }], filters: [{ column: 'id', op: 'like', value: 1 }, { column: 'name', op: 'in', value: ['a', null] }] })).toBe(
      `SELECT "id", "name", "bin", "total" FROM "items" WHERE CAST("id" AS TEXT) LIKE '1' AND "name" IN ('a', NULL) ORDER BY "name" DESC LIMIT 3`
    )
    expect(() => selectPage(pg, info, { offset: 0, limit: 3, orderBy: [{ column: 'nope', direction: 'asc' }] })).toThrow(/no column nope/)
    expect(() => selectPage(pg, info, { offset: 0, limit: 3, filters: [{ column: 'id', op: '=', value: null }] })).toThrow(/is null/)
  })

  it('writes DML with the engine literals: N strings, 0x binary, keys', () => {
    expect(changeSql(mssql, info, { kind: 'update', key: { id: 7 }, set: { name: 'é\'', bin: { base64: Buffer.from([1, 2, 255]).toString('base64') } } }, 0)).toBe(
      "UPDATE [items] SET [name] = N'é''', [bin] = 0x0102ff WHERE [id] = 7"
    )
    expect(changeSql(mssql, info, { kind: 'insert', values: { id: 8, bin: '\\x00ff', name: null } }, 0)).toBe('INSERT INTO [items] ([id], [bin], [name]) VALUES (8, 0x00ff, NULL)')
    // a number as text into a numeric column stays a number literal (exact past 2^53); other text is quoted
    expect(changeSql(mssql, info, { kind: 'delete', key: { id: '9007199254740993' } }, 0)).toBe('DELETE FROM [items] WHERE [id] = 9007199254740993')
    expect(changeSql(mssql, info, { kind: 'delete', key: { id: '9 or 1=1' } }, 0)).toBe("DELETE FROM [items] WHERE [id] = N'9 or 1=1'")
    const refuse = (change: Parameters<typeof changeSql>[2], message: RegExp) => expect(() => changeSql(mssql, info, change, 2)).toThrow(message)
    refuse({ kind: 'delete', key: {} }, /Change 3: the row key needs a value for id/)
    refuse({ kind: 'delete', key: { id: 1, name: 'x' } }, /name is not part of the row key/)
    refuse({ kind: 'update', key: { id: null }, set: { name: 'x' } }, /NULL/)
    refuse({ kind: 'update', key: { id: 1 }, set: { total: 3 } }, /generated column/)
    refuse({ kind: 'update', key: { id: 1 }, set: {} }, /no column to write/)
    refuse({ kind: 'insert', values: { id: Number.NaN } }, /not a number/)
    refuse({ kind: 'insert', values: { bin: { base64: '%%%' } } }, /base64/)
  })

  it('writes a MariaDB/MySQL string holding a backslash as bytes, which read the same under any sql_mode', () => {
    const text = { name: 'note', kind: 'text' }
    expect(literal(factsOf('mysql'), 'C:\\temp', text)).toBe(`CONVERT(X'${Buffer.from('C:\\temp').toString('hex')}' USING utf8mb4)`)
    expect(literal(factsOf('mysql'), "it's", text)).toBe("'it''s'")
    expect(literal(factsOf('postgres'), 'C:\\temp', text)).toBe("'C:\\temp'")
  })

  it('keeps the WHERE text one condition inside its parentheses', () => {
    const mysql = factsOf('mysql')
    const bad = ['1=1); delete from t; --', '1=1; delete from t', '(1=1', "name = 'x", '1=1 /* open', '1=1 /*!; delete from t */']
    for (const where of bad) expect(() => checkWhereText(mysql, where), where).toThrow(AppError)
    for (const ok of ["name = ')'", 'id in (1, 2) -- note', "name like '%;%'", '/* ok */ id = 1', 'id = 1 -- see /* here', 'id = 1 # and /* there', '`a)` = 1', "name = 'a\\'); delete from t; -- '"]) expect(() => checkWhereText(mysql, ok), ok).not.toThrow()
    // the same text without backslash escapes closes the string, then the parenthesis
    expect(() => checkWhereText(factsOf('postgres'), "name = 'a\\'); delete from t; -- '")).toThrow(/parenthesis/)
  })

  it('reads enum values from MariaDB/MySQL and DuckDB type text', () => {
    expect(inlineEnumValues("enum('a','it''s','c\\\\d')")).toEqual(['a', "it's", 'c\\d'])
    expect(inlineEnumValues("ENUM('x', 'y')")).toEqual(['x', 'y'])
    expect(inlineEnumValues('varchar(10)')).toBeUndefined()
  })
})
