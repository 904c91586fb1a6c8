import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESERVED_BEFORE_PAREN, SAFE_BUILTINS } from './function-names'

const url = process.env.MYSQL_URL
const MARK = 424242
const ARITIES = [0, 1, 2, 3, 4]

/**
 * The rules trust a name only because the server resolves it to a built-in: checked here against the live server by
 * creating a stored function of that very name (each arity) and calling it the way the rules let through.
 */
describe.skipIf(!url)('mysql function names on the live server', () => {
  let conn: mysql.Connection
  const db = `qg_names_${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    const u = new URL(url!)
    conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) })
    await conn.query(`create database ${db}`)
    await conn.query(`use ${db}`)
  })

  afterAll(async () => {
    await conn?.query(`drop database if exists ${db}`).catch(() => undefined)
    await conn?.end()
  })

  /** Calls that reached the stored function `name` instead of the built-in, over every arity and sql_mode. */
  async function reachesStored(name: string, spellings: ((args: string) => string)[]): Promise<string[]> {
    const hits: string[] = []
    for (const arity of ARITIES) {
      await conn.query('set sql_mode = default')
      await conn.query(`drop function if exists \`${name}\``)
      const params = Array.from({ length: arity }, (_, i) => `a${i} int`).join(', ')
      await conn.query(`create function \`${name}\`(${params}) returns int return ${MARK}`)
      const args = Array.from({ length: arity }, (_, i) => String(i + 1)).join(', ')
      for (const mode of ['', 'ORACLE']) {
        await conn.query(`set sql_mode = '${mode}'`)
        for (const spell of spellings) {
          const sql = spell(args)
          const value = await conn.query({ sql, rowsAsArray: true }).then(([rows]) => String((rows as unknown[][])[0]?.[0]), () => 'error')
          if (value === String(MARK)) hits.push(`${mode || 'default'}: ${sql}`)
        }
      }
    }
    await conn.query('set sql_mode = default')
    return hits
  }

  it('every safe built-in, called as the rules allow, is the built-in', { timeout: 180_000 }, async () => {
    const hits: string[] = []
    for (const name of SAFE_BUILTINS) hits.push(...(await reachesStored(name, [(a) => `select ${name}(${a})`])))
    expect(hits).toEqual([])
  })

  it('a reserved word before ( never calls a stored function, spaced or not', { timeout: 180_000 }, async () => {
    const hits: string[] = []
    for (const word of RESERVED_BEFORE_PAREN) {
      hits.push(...(await reachesStored(word, [(a) => `select ${word}(${a})`, (a) => `select ${word} (${a})`, (a) => `select 1 ${word}(${a})`])))
    }
    expect(hits).toEqual([])
  })

  it('the words read as syntax only in context call nothing out of that context', async () => {
    for (const name of ['against', 'columns', 'any', 'some']) await conn.query(`create or replace function \`${name}\`(a int) returns int return ${MARK}`)
    for (const sql of ['select (1) against(1)', "select 'x' columns(1)", 'select 1 = any(1)', 'select 1 = some(1)']) {
      const value = await conn.query({ sql, rowsAsArray: true }).then(([rows]) => String((rows as unknown[][])[0]?.[0]), () => 'error')
      expect(value, sql).not.toBe(String(MARK))
    }
  })
})
