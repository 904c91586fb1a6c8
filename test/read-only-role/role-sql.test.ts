import mysql from 'mysql2/promise'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { factsOf } from '../../src/shared/engines'
import { uniqueName } from '../conformance/engines'

/** The SQL the connection dialog offers for an absolute read-only login really gives one, on the real servers. */
describe.skipIf(!process.env.PG_URL)('read-only role SQL on PostgreSQL', () => {
  it('creates a login that reads and cannot write', async () => {
    const role = uniqueName('reader')
    const table = uniqueName('probe')
    const admin = new pg.Client({ connectionString: process.env.PG_URL })
    await admin.connect()
    const database = (await admin.query('select current_database() as d')).rows[0].d as string
    try {
      await admin.query(`create table public.${table} (id int); insert into public.${table} values (1)`)
      await admin.query(factsOf('postgres').readOnlyRoleSql!({ role, database }))
      const url = new URL(process.env.PG_URL!)
      url.username = role
      url.password = 'change me'
      const reader = new pg.Client({ connectionString: url.toString() })
      await reader.connect()
      try {
        expect((await reader.query(`select count(*)::int as n from public.${table}`)).rows[0].n).toBe(1)
        await expect(reader.query(`insert into public.${table} values (2)`)).rejects.toThrow(/read-only transaction|permission denied/)
        await expect(reader.query(`begin read write; insert into public.${table} values (3)`)).rejects.toThrow(/permission denied/)
      } finally {
        await reader.end()
      }
      expect((await admin.query(`select count(*)::int as n from public.${table}`)).rows[0].n).toBe(1)
    } finally {
      await admin.query(`drop table if exists public.${table}`)
      await admin.query(`drop owned by ${role}; drop role if exists ${role}`).catch(() => undefined)
      await admin.end()
    }
  })
})

describe.skipIf(!process.env.MYSQL_URL)('read-only role SQL on MySQL/MariaDB', () => {
  it('creates a login that reads and cannot write', async () => {
    const role = uniqueName('reader')
    const db = uniqueName('rodb')
    const admin = await mysql.createConnection({ uri: process.env.MYSQL_URL, multipleStatements: true })
    try {
      await admin.query(`create database ${db}; create table ${db}.t (id int); insert into ${db}.t values (1)`)
      await admin.query(factsOf('mysql').readOnlyRoleSql!({ role, database: db }))
      const url = new URL(process.env.MYSQL_URL!)
      const reader = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: role, password: 'change me', database: db })
      try {
        const [rows] = await reader.query(`select count(*) as n from t`)
        expect(Number((rows as { n: number }[])[0].n)).toBe(1)
        await expect(reader.query('insert into t values (2)')).rejects.toThrow(/denied/)
        await expect(reader.query('create table t2 (a int)')).rejects.toThrow(/denied/)
      } finally {
        await reader.end()
      }
    } finally {
      await admin.query(`drop database if exists ${db}`)
      await admin.query(`drop user if exists '${role}'@'%'`)
      await admin.end()
    }
  })
})
