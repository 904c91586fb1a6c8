import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { asAuditSource } from '../../src/main/services/audit/audited-sessions'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { AuditHarness } from './audit-harness'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
if (!MYSQL_URL) console.log('[audit] MYSQL_URL not set: skipping the MariaDB audit tests')

interface EngineCase {
  dialect: Dialect
  available: boolean
  connect(h: AuditHarness): string
  /** Creates a login with this password, then changes it; `name` is unique per run. */
  passwordSql(name: string, password: string): string[]
  dropLogin(name: string): string
}

const cases: EngineCase[] = [
  {
    dialect: 'postgres',
    available: !!PG_URL,
    connect: (h) => h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'audit pg' } as never),
    passwordSql: (name, pw) => [`CREATE ROLE ${name} LOGIN PASSWORD '${pw}'`, `ALTER ROLE ${name} WITH PASSWORD '${pw}x'`],
    dropLogin: (name) => `DROP ROLE ${name}`
  },
  {
    dialect: 'mysql',
    available: !!MYSQL_URL,
    connect: (h) => h.connection({ ...parseConnectionUrl(MYSQL_URL!), dialect: 'mysql', name: 'audit maria' } as never),
    passwordSql: (name, pw) => [`CREATE USER '${name}'@'localhost' IDENTIFIED BY '${pw}'`, `ALTER USER '${name}'@'localhost' IDENTIFIED BY '${pw}x'`, `SET PASSWORD FOR '${name}'@'localhost' = PASSWORD('${pw}y')`],
    dropLogin: (name) => `DROP USER '${name}'@'localhost'`
  },
  {
    dialect: 'sqlite',
    available: true,
    connect: (h) => h.connection({ dialect: 'sqlite', filePath: h.sqliteFile('audit.db') }),
    passwordSql: () => [],
    dropLogin: () => ''
  }
]

for (const c of cases) {
  describe.skipIf(!c.available)(`audit log of the query service on ${c.dialect}`, () => {
    const h = new AuditHarness()
    const table = `audit_t_${randomBytes(4).toString('hex')}`
    let conn: string
    beforeAll(() => {
      conn = c.connect(h)
    })
    afterAll(async () => {
      await h.run(conn, `DROP TABLE IF EXISTS ${table}`)
      await h.close()
    })

    it('records a CREATE TABLE and an UPDATE with their row counts, and never a SELECT', async () => {
      await h.run(conn, `CREATE TABLE ${table} (id integer primary key, v integer)`)
      await h.run(conn, `INSERT INTO ${table} (id, v) VALUES (1, 10), (2, 20), (3, 30)`)
      await h.run(conn, `SELECT * FROM ${table}`)
      const events = await h.run(conn, `UPDATE ${table} SET v = v + 1 WHERE id <= 2; SELECT count(*) FROM ${table}`)
      expect(events.some((e) => e.type === 'error')).toBe(false)
      const entries = h.entries(conn)
      expect(entries.map((e) => [e.kind, e.statement.trim().split(/\s+/)[0]!.toUpperCase(), e.kind === 'ddl' ? 'n/a' : e.rows, e.outcome])).toEqual([
        ['ddl', 'CREATE', 'n/a', 'ok'],
        ['write', 'INSERT', 3, 'ok'],
        ['write', 'UPDATE', 2, 'ok']
      ])
      const update = entries[2]!
      expect(update).toMatchObject({ source: 'editor', engine: c.dialect, connectionLabel: h.connections.get(conn).name, error: null })
      expect(update.durationMs).toBeGreaterThanOrEqual(0)
      expect(new Date(update.at).toISOString()).toBe(update.at)
      expect(h.audit.verify()).toMatchObject({ ok: true, count: 3 })
    })

    it('records a failed statement with its error, and the assistant as the source of what it ran', async () => {
      await h.run(conn, `UPDATE ${table}_missing SET v = 1`)
      await h.run(conn, `DELETE FROM ${table} WHERE id = 3`, { run: (start) => asAuditSource('ai', start) })
      const [failed, deleted] = h.entries(conn).slice(-2)
      expect(failed).toMatchObject({ kind: 'write', outcome: 'error', rows: null, source: 'editor' })
      expect(failed!.error).toMatch(/missing|exist/i)
      expect(deleted).toMatchObject({ kind: 'write', outcome: 'ok', rows: 1, source: 'ai' })
      expect(h.audit.verify()).toMatchObject({ ok: true, count: 5 })
    })

    it.skipIf(c.dialect === 'sqlite')('never stores a password given to CREATE USER / ALTER ROLE / SET PASSWORD', async () => {
      const password = `Pw${randomBytes(8).toString('hex')}`
      const login = `audit_u_${randomBytes(4).toString('hex')}`
      try {
        for (const sql of c.passwordSql(login, password)) {
          const events = await h.run(conn, sql)
          expect(events.find((e) => e.type === 'error')).toBeUndefined()
        }
      } finally {
        await h.run(conn, c.dropLogin(login))
      }
      const entries = h.entries(conn).filter((e) => e.statement.includes(login))
      expect(entries.length).toBe(c.passwordSql(login, password).length + 1)
      for (const e of entries) expect(e.statement).not.toContain(password)
      expect(entries[0]!.statement).toContain('••••••')
      h.store.db.pragma('wal_checkpoint(TRUNCATE)')
      expect(h.storeBytes().includes(password)).toBe(false)
    })
  })
}

describe('a failing audit write', () => {
  it('does not cost the user their result, and is reported', async () => {
    const h = new AuditHarness()
    try {
      const conn = h.connection({ dialect: 'sqlite', filePath: h.sqliteFile('fail.db') })
      await h.run(conn, 'CREATE TABLE t (id integer)')
      h.store.db.exec('drop table audit_log')
      const events = await h.run(conn, 'INSERT INTO t VALUES (1), (2)')
      expect(events.find((e) => e.type === 'error')).toBeUndefined()
      expect(events.some((e) => e.type === 'message' && /2 rows affected/.test(e.text))).toBe(true)
      expect(h.audit.writeFailure()).toMatchObject({ count: 1, message: expect.stringMatching(/audit_log/) })
      expect(h.warnings.join('\n')).toMatch(/audit log: an entry could not be written/)
    } finally {
      await h.close()
    }
  })
})
