import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, sshdUnavailable, type TestSshd } from '../../../../test/support/sshd'
import type { ConnectionInput } from '../../../shared/contract/connections'
import { AppError } from '../../../shared/errors'
import { CollectingSink } from '../drivers/collect-sink'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { ConnectionService } from './connection-service'
import { FileSecretBox } from './secret-box'
import { parseConnectionUrl } from './url'

const skip = sshdUnavailable() ?? (process.env.PG_URL ? undefined : 'PG_URL is not set')
if (skip) console.log(`[ssh-tunnel] SKIPPED: ${skip}`)

describe.skipIf(Boolean(skip))('SSH tunnel through a real sshd', () => {
  let sshd: TestSshd
  let dir: string
  let store: LocalStore
  let service: ConnectionService
  let pg: ConnectionInput

  beforeAll(async () => {
    sshd = await startSshd()
    dir = mkdtempSync(join(tmpdir(), 'qg-ssh-'))
    store = openLocalStore(join(dir, 'store.db'))
    service = new ConnectionService({ store, secretBox: FileSecretBox.open(join(dir, 'k')), sampleDbPath: '/none', dataDir: dir, events: { emit: () => {} } })
    pg = { ...parseConnectionUrl(process.env.PG_URL!), name: 'pg via ssh', connectTimeoutMs: 5000 } as ConnectionInput
  }, 30_000)
  afterAll(async () => {
    await service?.closeAll()
    store?.close()
    await sshd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const selectOne = async (id: string): Promise<unknown> => {
    const s = await service.session(id)
    try {
      const sink = new CollectingSink()
      await s.execute('select 41 + 1 as answer', sink)
      return sink.results[0].rows[0][0]
    } finally {
      await s.close()
    }
  }

  it('private key with passphrase', async () => {
    const p = service.create({ ...pg, ssh: { enabled: true, host: '127.0.0.1', port: sshd.port, user: sshd.keyUser, auth: 'key', privateKeyPath: sshd.keyPath }, sshSecret: sshd.keyPassphrase })
    expect(p.hasSshSecret).toBe(true)
    expect(await selectOne(p.id)).toBe(42)
    const t = await service.test({ id: p.id })
    expect(t.serverVersion).toMatch(/PostgreSQL/)
    expect(t.sshHostKeyFingerprint).toBe(sshd.hostKeyFingerprint)
    // trust on first use: the host key is now pinned, and a different one is refused
    expect(service.get(p.id).ssh.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint)
    const forged = await service.update(p.id, { ssh: { ...service.get(p.id).ssh, hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })
    const err = (await service.test({ id: forged.id }).catch((e: unknown) => e)) as AppError
    expect(err.code).toBe('SSH_ERROR')
    expect(err.message).toMatch(/host key of 127\.0\.0\.1 changed/)
  })

  it('password', async (ctx) => {
    if (!sshd.passwordUser) {
      console.log('[ssh-tunnel] password test SKIPPED: needs root to create a throwaway user with a password')
      ctx.skip()
    }
    const { user, password } = sshd.passwordUser!
    const p = service.create({ ...pg, ssh: { enabled: true, host: '127.0.0.1', port: sshd.port, user, auth: 'password' }, sshSecret: password })
    expect(await selectOne(p.id)).toBe(42)
  })

  it('wrong SSH password or passphrase: a clear SSH_ERROR without the secret', async () => {
    const user = sshd.passwordUser?.user ?? sshd.keyUser
    const err = (await service
      .test({ profile: { ...pg, ssh: { enabled: true, host: '127.0.0.1', port: sshd.port, user, auth: 'password' }, sshSecret: 'definitely-wrong-pw' } })
      .catch((e: unknown) => e)) as AppError
    expect(err.code).toBe('SSH_ERROR')
    expect(err.message).toMatch(/SSH authentication failed/)
    expect(err.message).not.toContain('definitely-wrong-pw')
    const keyErr = (await service
      .test({ profile: { ...pg, ssh: { enabled: true, host: '127.0.0.1', port: sshd.port, user: sshd.keyUser, auth: 'key', privateKeyPath: sshd.keyPath }, sshSecret: 'bad-passphrase' } })
      .catch((e: unknown) => e)) as AppError
    expect(keyErr.code).toBe('SSH_ERROR')
  })
})
