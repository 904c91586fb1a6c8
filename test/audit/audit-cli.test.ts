import Database from 'better-sqlite3'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../support/run-cli'
import { node22, ROOT } from '../docs/cli-timing'
import { AuditHarness } from './audit-harness'

/** Edits the store file from outside the app, as someone covering their tracks would (the append-only trigger goes first). */
function tamper(storeFile: string, sql: string): void {
  const db = new Database(storeFile)
  try {
    db.exec('drop trigger if exists audit_log_append_only')
    db.exec(sql)
  } finally {
    db.close()
  }
}

describe('querygenie audit (headless, on a store the app wrote)', () => {
  const h = new AuditHarness()
  beforeAll(async () => {
    const conn = h.connection({ dialect: 'sqlite', filePath: h.sqliteFile('cli.db') })
    await h.run(conn, 'CREATE TABLE t (id integer primary key, v text)')
    await h.run(conn, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    await h.run(conn, "UPDATE t SET v = 'z' WHERE id = 2")
    await h.run(conn, 'DELETE FROM t WHERE id = 3')
    // the app is still running: the CLI reads the store beside it
  })
  afterAll(() => h.close())

  it('verifies an intact log and exits 0', async () => {
    const r = await cli('audit', 'verify', '--data-dir', h.dir)
    expect(r.err).toBe('')
    expect(r.out).toMatch(/^4 entries verified; head [0-9a-f]{64}\n$/)
    expect(r.code).toBe(0)
  })

  it('exports CSV and JSON with every chain field', async () => {
    const csv = await cli('audit', 'export', '--format', 'csv', '--data-dir', h.dir)
    expect(csv.code).toBe(0)
    const lines = csv.out.trim().split('\r\n')
    expect(lines[0]).toBe('seq,at,connectionId,connectionLabel,engine,dbUser,source,kind,statement,rows,outcome,error,durationMs,prevHash,hash')
    expect(lines).toHaveLength(5)
    expect(lines[3]).toContain("UPDATE t SET v = 'z' WHERE id = 2")
    const out = join(h.dir, 'audit.json')
    const json = await cli('audit', 'export', '--format', 'json', '--out', out, '--data-dir', h.dir)
    expect(json.err).toContain('Wrote 4 entries')
    const file = JSON.parse(readFileSync(out, 'utf8')) as { anchor: unknown; entries: { seq: number; statement: string }[] }
    expect(file.anchor).toBeNull()
    expect(file.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
  })

  it('exits 1 naming the entry whose statement was edited in the store file', async () => {
    tamper(h.storeFile, "update audit_log set statement = 'UPDATE t SET v = ''y'' WHERE id = 2' where seq = 3")
    const r = await cli('audit', 'verify', '--data-dir', h.dir)
    expect(r.code).toBe(1)
    expect(r.out).toContain('failed at entry 3 (hash-mismatch)')
    expect(r.out).toContain('2 entries before it verified')
  })

  it('names a deleted entry (bundled CLI through bin/querygenie.mjs)', () => {
    const node = node22()
    execFileSync(node, [join(ROOT, 'scripts', 'build-cli.mjs'), '--if-stale', '--quiet'], { stdio: 'inherit' })
    tamper(h.storeFile, 'delete from audit_log where seq = 2')
    const r = spawnSync(node, [join(ROOT, 'bin', 'querygenie.mjs'), 'audit', 'verify', '--data-dir', h.dir], { encoding: 'utf8', timeout: 60_000 })
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('failed at entry 2 (gap): entry 2 is missing')
    expect(r.status).toBe(1)
  })

  it('says when there is no store', async () => {
    const r = await cli('audit', 'verify', '--data-dir', join(h.dir, 'nowhere'))
    expect(r.code).toBe(2)
    expect(r.err).toContain('No QueryGenie store')
  })
})
