import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { convert, Rejection } from './convert'
import { detectDelimiter, detectEncoding } from './detect'
import { ColumnInference, typeOfValue } from './infer'
import { openSource, type Source } from './source'
import { createTableSql, mapByName } from './target'

const dir = mkdtempSync(join(tmpdir(), 'qg-import-read-'))
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name)
  writeFileSync(p, content)
  return p
}
async function all(source: Source): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const rows of source.rows) for (const r of rows) out.push(r instanceof Error ? `ERR ${r.message}` : r)
  await source.close()
  return out
}

describe('type inference', () => {
  it.each([
    ['42', 'integer'],
    ['-2147483649', 'bigint'],
    ['99999999999999999999', 'decimal'],
    ['1.50', 'decimal'],
    ['1e5', 'float'],
    ['true', 'boolean'],
    ['FALSE', 'boolean'],
    ['2024-02-29', 'date'],
    ['2023-02-29', 'text'],
    ['2024-01-02 03:04:05', 'timestamp'],
    ['2024-01-02T03:04:05.123Z', 'timestamp'],
    ['{"a": 1}', 'json'],
    ['[1, 2]', 'json'],
    ['{not json}', 'text'],
    ['hello', 'text'],
    ['', null],
    [null, null],
    [3.25, 'float'],
    [7, 'integer'],
    [new Date(Date.UTC(2020, 0, 2)), 'date'],
    [new Date(Date.UTC(2020, 0, 2, 3)), 'timestamp'],
    [{ a: 1 }, 'json']
  ])('%j is %s', (v, t) => expect(typeOfValue(v)).toBe(t))

  it('widens per column: integers to bigint and decimal, date to timestamp, mixes to text, empty to text', () => {
    const inf = new ColumnInference()
    for (const row of [
      ['1', '1', '2020-01-01', '1', '', 'true'],
      ['5000000000', '2.5', '2020-01-01 10:00:00', 'x', '', 'false'],
      ['', '3', null, '2', '', '']
    ])
      inf.add(row)
    expect(inf.result(6).map((c) => c.type)).toEqual(['bigint', 'decimal', 'timestamp', 'text', 'text', 'boolean'])
    expect(inf.result(6)[0]!.nulls).toBe(1)
  })

  it('converts values for a column or says why not', () => {
    expect(convert('12', 'integer')).toBe('12')
    expect(convert('abc', 'integer')).toEqual(new Rejection("not an integer: 'abc'"))
    expect(convert('3000000000', 'integer')).toBeInstanceOf(Rejection)
    expect(convert('yes', 'boolean')).toBe('true')
    expect(convert('2020-01-02T03:04:05+02:00', 'timestamp')).toBe('2020-01-02 01:04:05')
    expect(convert('', 'integer')).toBeNull()
  })
})

describe('reading files', () => {
  it('detects the encoding from a BOM or the bytes', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8')
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le')
    expect(detectEncoding(Buffer.from('caf\xe9', 'latin1'))).toBe('latin1')
    expect(detectEncoding(Buffer.from('café'))).toBe('utf-8')
  })

  it('detects the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';')
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t')
    expect(detectDelimiter('a,"b;c"\n1,"2;3"\n')).toBe(',')
  })

  it('reads CSV with quotes, line breaks in quotes, a BOM and a semicolon delimiter; detects the header', async () => {
    const p = file('semi.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id;name;note\r\n1;"Smith; John";"said ""hi""\nthen left"\r\n2;Ann;\r\n')]))
    const s = await openSource(p, 'semi.csv', {})
    expect([s.delimiter, s.encoding, s.header, s.columns]).toEqual([';', 'utf-8', true, ['id', 'name', 'note']])
    expect(await all(s)).toEqual([
      ['1', 'Smith; John', 'said "hi"\nthen left'],
      ['2', 'Ann', '']
    ])
  })

  it('reads UTF-16 and latin1, and a file without a header', async () => {
    const utf16 = file('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,n\r\nZoë,1\r\n', 'utf16le')]))
    const s = await openSource(utf16, 'u16.csv', {})
    expect([s.encoding, s.columns]).toEqual(['utf-16le', ['name', 'n']])
    expect(await all(s)).toEqual([['Zoë', '1']])
    const latin = file('l1.csv', Buffer.from('1,café\n2,naïve\n', 'latin1'))
    const l = await openSource(latin, 'l1.csv', {})
    expect([l.encoding, l.header, l.columns]).toEqual(['latin1', false, ['column1', 'column2']])
    expect(await all(l)).toEqual([
      ['1', 'café'],
      ['2', 'naïve']
    ])
  })

  it('rejects a record with more fields than columns', async () => {
    const p = file('extra.csv', 'a,b\n1,2\n3,4,5\n6\n')
    expect(await all(await openSource(p, 'extra.csv', {}))).toEqual([['1', '2'], 'ERR 3 fields where the file has 2 columns', ['6', null]])
  })

  it('reads XLSX with typed cells', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Data')
    ws.addRow(['id', 'price', 'when', 'ok', 'name'])
    ws.addRow([1, 2.5, new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), true, 'x'])
    ws.addRow([2, 3, new Date(Date.UTC(2024, 0, 3, 0, 0, 0)), false, { richText: [{ text: 'ri' }, { text: 'ch' }] }])
    const p = join(dir, 'book.xlsx')
    await wb.xlsx.writeFile(p)
    const s = await openSource(p, 'book.xlsx', {})
    expect([s.format, s.header, s.columns, s.sheets]).toEqual(['xlsx', true, ['id', 'price', 'when', 'ok', 'name'], ['Data']])
    const rows = (await all(s)) as unknown[][]
    expect(rows[0]).toEqual([1, 2.5, new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), true, 'x'])
    expect(rows[1]![4]).toBe('rich')
    const inf = new ColumnInference()
    rows.forEach((r) => inf.add(r))
    expect(inf.result(5).map((c) => c.type)).toEqual(['integer', 'float', 'timestamp', 'boolean', 'text'])
  })

  it('reads JSON Lines and JSON arrays of objects (keys in order of first appearance)', async () => {
    const p = file('rows.jsonl', '{"a":1,"b":"x"}\n\n{"a":2,"c":{"k":[1]}}\nnot json\n')
    const s = await openSource(p, 'rows.jsonl', {})
    expect(s.columns).toEqual(['a', 'b', 'c'])
    expect(await all(s)).toEqual([[1, 'x', null], [2, null, { k: [1] }], expect.stringMatching(/^ERR line 4 is not JSON/)])
    const j = file('rows.json', '[{"a":1},{"a":2,"b":true}]')
    const js = await openSource(j, 'rows.json', {})
    expect(js.columns).toEqual(['a', 'b'])
    expect(await all(js)).toEqual([
      [1, null],
      [2, true]
    ])
  })

  it('proposes DDL per dialect and maps columns by name', () => {
    const cols = [
      { name: 'id', type: 'integer' as const },
      { name: 'price', type: 'decimal' as const, precision: 5, scale: 2 },
      { name: 'order', type: 'text' as const }
    ]
    expect(createTableSql('postgres', { name: 't' }, cols)).toBe('CREATE TABLE t (\n  id integer,\n  price numeric,\n  "order" text\n)')
    expect(createTableSql('mysql', { name: 't' }, cols)).toContain('price DECIMAL(12, 2)')
    expect(mapByName(['ID', 'Full Name', 'x'], ['id', 'full_name'])).toEqual(['id', 'full_name', null])
  })
})
