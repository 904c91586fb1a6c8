import { describe, expect, it } from 'vitest'
import { parseTableText } from './table-text'

describe('sqlite table text', () => {
  it('reads WITHOUT ROWID, STRICT, AUTOINCREMENT and collations', () => {
    expect(parseTableText('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, "Na me" TEXT COLLATE NOCASE, b TEXT COLLATE BINARY, c TEXT CHECK (c COLLATE RTRIM = c))')).toEqual({
      withoutRowid: false,
      strict: false,
      autoincrement: 'id',
      collations: new Map([['Na me', 'NOCASE']])
    })
    expect(parseTableText('create table t (k text, v any, primary key (k)) without rowid, strict')).toMatchObject({ withoutRowid: true, strict: true, autoincrement: null })
    expect(parseTableText('create table t (id integer, constraint pk primary key (id asc autoincrement)) strict').autoincrement).toBe('id')
  })
})
