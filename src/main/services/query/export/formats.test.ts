import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { createFileWriter } from './file-writer'
import { sqlLiteral, textFormat } from './text-formats'

const columns: ColumnMeta[] = [
  { name: 'id', dbType: 'int8', kind: 'bigint' },
  { name: 'name', dbType: 'text', kind: 'text' },
  { name: 'doc', dbType: 'jsonb', kind: 'json' },
  { name: 'ok', dbType: 'bool', kind: 'boolean' },
  { name: 'id', dbType: 'int4', kind: 'number' }
]
const rows: Cell[][] = [
  ['9007199254740993', 'O\'Brien, "Bob"\nline 2', '{"a":[1,2]}', true, 1.5],
  [null, 'tab\there | pipe', null, false, null]
]

const whole = (name: Parameters<typeof textFormat>[0], opts: Partial<Parameters<typeof textFormat>[1]> = {}): string => {
  const f = textFormat(name, { columns, ...opts })
  return f.header() + f.rows(rows.slice(0, 1)) + f.rows(rows.slice(1)) + f.footer()
}

const dir = mkdtempSync(join(tmpdir(), 'qg-formats-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('export and copy formats', () => {
  it('CSV is RFC 4180 and parses back to the same values', () => {
    const text = whole('csv')
    expect(text.split('\r\n')[0]).toBe('id,name,doc,ok,id')
    const back = parse(text, { relax_column_count: false }) as string[][]
    expect(back.slice(1)).toEqual([
      ['9007199254740993', 'O\'Brien, "Bob"\nline 2', '{"a":[1,2]}', 'true', '1.5'],
      ['', 'tab\there | pipe', '', 'false', '']
    ])
  })

  it('CSV quotes a lone LF or CR (RFC 4180), writes null and an empty string alike, numbers as JavaScript prints them', () => {
    const f = textFormat('csv', { columns: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `c${i}`, dbType: 'text', kind: 'text' as const })) })
    expect(f.rows([['a\nb', 'c\rd', '', null, 'x"y', 1e21], [' s ', 'e\r\nf', false, -0.5, 'a,b', 12]])).toBe(
      '"a\nb","c\rd",,,"x""y",1e+21\r\n s ,"e\r\nf",false,-0.5,"a,b",12\r\n'
    )
    expect(f.header()).toBe('c1,c2,c3,c4,c5,c6\r\n')
    expect(textFormat('csv', { columns: [{ name: 'a,"b"', dbType: 'text', kind: 'text' }] }).header()).toBe('"a,""b"""\r\n')
  })

  it('TSV quotes fields holding tabs or newlines', () => {
    const back = parse(whole('tsv'), { delimiter: '\t' }) as string[][]
    expect(back[2]![1]).toBe('tab\there | pipe')
  })

  it('JSON keeps big integers exact, embeds JSON columns and renames duplicate keys', () => {
    const parsed = JSON.parse(whole('json')) as Record<string, unknown>[]
    expect(parsed[0]).toEqual({ id: '9007199254740993', name: 'O\'Brien, "Bob"\nline 2', doc: { a: [1, 2] }, ok: true, id_2: 1.5 })
    expect(JSON.parse(textFormat('json', { columns }).header() + textFormat('json', { columns }).footer())).toEqual([])
    const lines = whole('jsonl').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[1]).toEqual({ id: null, name: 'tab\there | pipe', doc: null, ok: false, id_2: null })
  })

  it('INSERT statements quote per dialect', () => {
    const f = textFormat('insert', { columns, tableName: 'public.people', dialect: 'postgres' })
    expect(f.rows(rows)).toBe(
      `INSERT INTO "public"."people" ("id", "name", "doc", "ok", "id") VALUES\n  (9007199254740993, 'O''Brien, "Bob"\nline 2', '{"a":[1,2]}', TRUE, 1.5),\n  (NULL, 'tab\there | pipe', NULL, FALSE, NULL);\n`
    )
    expect(whole('insert', { dialect: 'mssql' })).toContain('INSERT INTO [target_table] ([id]')
    expect(sqlLiteral('a\\b', columns[1], 'mysql')).toBe("'a\\\\b'")
    expect(sqlLiteral('\\xdeadbeef', { name: 'b', dbType: 'bytea', kind: 'binary' }, 'postgres')).toBe("'\\xdeadbeef'::bytea")
    expect(sqlLiteral('\\xdeadbeef', { name: 'b', dbType: 'blob', kind: 'binary' }, 'sqlite')).toBe("X'deadbeef'")
  })

  it('Markdown escapes pipes and line breaks', () => {
    const md = whole('markdown').split('\n')
    expect(md[0]).toBe('| id | name | doc | ok | id |')
    expect(md[1]).toBe('| --- | --- | --- | --- | --- |')
    expect(md[3]).toBe('|  | tab\there \\| pipe |  | false |  |')
  })

  it('XLSX (streaming writer) reads back with the same cells', async () => {
    const path = join(dir, 'out.xlsx')
    const writer = createFileWriter({ path, format: 'xlsx', columns, header: true })
    await writer.write(rows)
    await writer.finish()
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.getWorksheet('Result')!
    expect(sheet.getRow(1).values).toEqual([undefined, 'id', 'name', 'doc', 'ok', 'id'])
    expect(sheet.getRow(2).getCell(1).value).toBe('9007199254740993')
    expect(sheet.getRow(2).getCell(4).value).toBe(true)
    expect(sheet.getRow(3).getCell(2).value).toBe('tab\there | pipe')
    expect(sheet.rowCount).toBe(3)
  })

  it('text files are written with backpressure and end with the footer', async () => {
    const path = join(dir, 'out.json')
    const writer = createFileWriter({ path, format: 'json', columns, header: true })
    for (let i = 0; i < 50; i++) await writer.write(rows)
    await writer.finish()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(100)
  })
})
