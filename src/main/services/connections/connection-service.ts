import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { ConnectionInput, ConnectionProfile, type ConnectionStatus } from '../../../shared/contract/connections'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import { getDriver } from '../engines'
import type { Analysis } from '../statements'
import { withinMs } from '../within-ms'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { connectParamsFor } from './connect-params'
import { ProfileRepository, type StoredConnection } from './profile-repository'
import { Redactor } from './redact'
import type { SecretBox } from './secret-box'
import { openSshTunnel, type SshTunnel } from './ssh-tunnel'

export interface ConnectionServiceDeps {
  store: LocalStore
  secretBox: SecretBox
  /** The shipped sample database; copied into dataDir on first use so that writes never touch it. */
  sampleDbPath: string
  /** Defaults to the store's folder. */
  dataDir?: string
  events: EventSink
  redactor?: Redactor
}

type Status = z.infer<typeof ConnectionStatus>
type Input = z.infer<typeof ConnectionInput>

export const SAMPLE_CONNECTION_ID = 'sample'
/** How long closing a session may wait for the server's goodbye (shutdown, disconnect). */
const CLOSE_MS = 3000

/** Profiles, their secrets, and live sessions. The only place that decrypts a database password. */
export class ConnectionService {
  readonly redactor: Redactor
  private readonly repo: ProfileRepository
  private readonly metaSessions = new Map<string, DriverSession>()
  private readonly pendingMeta = new Map<string, Promise<DriverSession>>()
  private readonly openSessions = new Set<DriverSession>()
  private readonly statuses = new Map<string, Status>()
  private readonly dataDir: string
  private readonly pinnedHostKeys = new WeakMap<DriverSession, string>()

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.repo = new ProfileRepository(deps.store)
    this.redactor = deps.redactor ?? new Redactor()
    this.dataDir = deps.dataDir ?? dirname(deps.store.path)
  }

  private sampleProfile(): ConnectionProfile {
    return ConnectionProfile.parse({
      id: SAMPLE_CONNECTION_ID,
      name: 'Sample database',
      dialect: 'sqlite',
      filePath: join(this.dataDir, 'sample.db'),
      builtin: true,
      color: '#6b8afd'
    })
  }

  list(): ConnectionProfile[] {
    return [this.sampleProfile(), ...this.repo.list().map((c) => c.profile)]
  }

  get(id: string): ConnectionProfile {
    return this.stored(id).profile
  }

  status(id: string): Status {
    return this.statuses.get(id) ?? { id, state: 'disconnected' }
  }

  private stored(id: string): StoredConnection {
    if (id === SAMPLE_CONNECTION_ID) return { profile: this.sampleProfile(), passwordEnc: null, sshSecretEnc: null }
    const found = this.repo.get(id)
    if (!found) throw new AppError('NOT_FOUND', 'That connection no longer exists.')
    return found
  }

  private encryptOrKeep(value: string | null | undefined, previous: string | null): string | null {
    if (value === undefined) return previous
    if (value === null || value === '') return null
    return this.deps.secretBox.encrypt(value)
  }

  private toProfile(id: string, input: Partial<Input>, base?: ConnectionProfile): ConnectionProfile {
    const { password: _p, sshSecret: _s, ...fields } = input
    const merged = { ...base, ...stripUndefined(fields), id, builtin: false }
    if (merged.readOnly === undefined) merged.readOnly = merged.tag === 'production'
    const parsed = ConnectionProfile.safeParse(merged)
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'Some connection fields are not valid.', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      })
    }
    return parsed.data
  }

  create(input: Input): ConnectionProfile {
    const profile = this.toProfile(this.repo.newId(), input)
    const stored: StoredConnection = {
      profile,
      passwordEnc: this.encryptOrKeep(input.password, null),
      sshSecretEnc: this.encryptOrKeep(input.sshSecret, null)
    }
    this.repo.insert(stored)
    return this.get(profile.id)
  }

  async update(id: string, patch: Partial<Input>): Promise<ConnectionProfile> {
    const current = this.stored(id)
    if (current.profile.builtin) throw new AppError('INVALID_INPUT', 'The sample database cannot be edited; duplicate it to make your own copy.')
    const profile = this.toProfile(id, patch, current.profile)
    this.repo.update({
      profile,
      passwordEnc: this.encryptOrKeep(patch.password, current.passwordEnc),
      sshSecretEnc: this.encryptOrKeep(patch.sshSecret, current.sshSecretEnc)
    })
    // settings changed: live sessions use the old ones
    await this.disconnect(id)
    return this.get(id)
  }

  duplicate(id: string): ConnectionProfile {
    const source = this.stored(id)
    const profile = { ...source.profile, id: this.repo.newId(), name: `${source.profile.name} (copy)`, builtin: false }
    if (source.profile.builtin) this.ensureSampleCopy()
    this.repo.insert({ profile, passwordEnc: source.passwordEnc, sshSecretEnc: source.sshSecretEnc })
    return this.get(profile.id)
  }

  async delete(id: string): Promise<void> {
    if (id === SAMPLE_CONNECTION_ID) throw new AppError('INVALID_INPUT', 'The sample database cannot be deleted.')
    await this.disconnect(id)
    if (!this.repo.delete(id)) throw new AppError('NOT_FOUND', 'That connection no longer exists.')
    this.statuses.delete(id)
  }

  /** Connects with saved or unsaved settings, measures the round trip, and disconnects. */
  async test(args: { id?: string; profile?: Input }): Promise<{ latencyMs: number; serverVersion: string; sshHostKeyFingerprint?: string }> {
    let stored: StoredConnection
    if (args.profile) {
      const base = args.id ? this.stored(args.id) : undefined
      const profile = this.toProfile(args.id ?? 'unsaved', args.profile)
      stored = {
        profile,
        passwordEnc: this.encryptOrKeep(args.profile.password, base?.passwordEnc ?? null),
        sshSecretEnc: this.encryptOrKeep(args.profile.sshSecret, base?.sshSecretEnc ?? null)
      }
    } else if (args.id) {
      stored = this.stored(args.id)
    } else {
      throw new AppError('INVALID_INPUT', 'Nothing to test: give a saved connection or the form values.')
    }
    const started = performance.now()
    const session = await this.open(stored)
    try {
      const serverVersion = await session.serverVersion()
      const latencyMs = Math.round((performance.now() - started) * 10) / 10
      const pinned = this.pinnedHostKeys.get(session)
      return { latencyMs, serverVersion, ...(pinned && { sshHostKeyFingerprint: pinned }) }
    } finally {
      await session.close().catch(() => {})
    }
  }

  /** A dedicated session for one query run; the caller closes it. */
  async session(id: string): Promise<DriverSession> {
    const session = await this.open(this.stored(id))
    this.openSessions.add(session)
    const close = session.close.bind(session)
    session.close = async () => {
      this.openSessions.delete(session)
      await close()
    }
    const destroy = session.destroy?.bind(session)
    if (destroy) {
      session.destroy = () => {
        this.openSessions.delete(session)
        destroy()
      }
    }
    return session
  }

  /** The shared long-lived session for catalog queries. Reconnects (and says so) when it was dropped. */
  /**
   * Analyses SQL for a connection with its catalog context (PostgreSQL's function volatility and the views that call
   * volatile functions), read through the metadata session. Without that session there is no analysis, and no run:
   * guessing without the catalog could call a view that writes a read.
   */
  async analyse(id: string, sql: string): Promise<Analysis> {
    return (await this.metaSession(id)).analyse(sql)
  }

  /** After DDL or the end of a transaction on any of this connection's sessions: the analyser reads the catalog again. */
  forgetAnalysisContext(id: string): void {
    this.metaSessions.get(id)?.forgetAnalysisContext()
  }

  async metaSession(id: string): Promise<DriverSession> {
    const current = this.metaSessions.get(id)
    if (current && !current.closed) return current
    const pending = this.pendingMeta.get(id)
    if (pending) return pending
    const wasLost = current !== undefined
    const promise = this.openMeta(id, wasLost).finally(() => this.pendingMeta.delete(id))
    this.pendingMeta.set(id, promise)
    return promise
  }

  private async openMeta(id: string, wasLost: boolean): Promise<DriverSession> {
    this.setStatus({ id, state: 'connecting' })
    try {
      const session = await this.open(this.stored(id))
      this.metaSessions.set(id, session)
      // the statement analyser's catalog context loads now, not on the first run
      void session.analyse('select 1').catch(() => undefined)
      const serverVersion = await session.serverVersion().catch(() => undefined)
      this.setStatus({
        id,
        state: 'connected',
        serverVersion,
        message: wasLost ? 'The connection was lost; reconnected.' : undefined
      })
      return session
    } catch (err) {
      const e = this.redactor.error(err)
      this.setStatus({ id, state: 'error', message: e.message })
      throw e
    }
  }

  async connect(id: string): Promise<Status> {
    await this.metaSession(id)
    return this.status(id)
  }

  async disconnect(id: string): Promise<void> {
    const session = this.metaSessions.get(id)
    this.metaSessions.delete(id)
    if (session) await closeWithin(session)
    if (this.statuses.has(id)) this.setStatus({ id, state: 'disconnected' })
  }

  async closeAll(): Promise<void> {
    const all = [...this.metaSessions.values(), ...this.openSessions]
    this.metaSessions.clear()
    this.openSessions.clear()
    await Promise.all(all.map((s) => closeWithin(s)))
  }

  private setStatus(status: Status): void {
    const clean = Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined)) as Status
    this.statuses.set(status.id, clean)
    this.deps.events.emit('connections.status', clean)
  }

  /** Trust on first use: the first host key seen for a saved profile is kept and must match from then on. */
  private pinHostKey(id: string, fingerprint: string): void {
    const current = this.repo.get(id)
    if (!current || !fingerprint || current.profile.ssh.hostKeyFingerprint) return
    this.repo.update({ ...current, profile: { ...current.profile, ssh: { ...current.profile.ssh, hostKeyFingerprint: fingerprint } } })
  }

  private ensureSampleCopy(): string {
    const copy = join(this.dataDir, 'sample.db')
    if (existsSync(copy)) return copy
    if (!existsSync(this.deps.sampleDbPath)) {
      throw new AppError('NOT_FOUND', `The bundled sample database is missing (${this.deps.sampleDbPath}).`)
    }
    mkdirSync(this.dataDir, { recursive: true })
    copyFileSync(this.deps.sampleDbPath, copy)
    return copy
  }

  /** Decrypts the secrets just long enough to connect; every error leaves here redacted. */
  private async open(stored: StoredConnection): Promise<DriverSession> {
    if (stored.profile.builtin) this.ensureSampleCopy()
    const { profile } = stored
    const password = stored.passwordEnc ? this.deps.secretBox.decrypt(stored.passwordEnc) : undefined
    const sshSecret = stored.sshSecretEnc ? this.deps.secretBox.decrypt(stored.sshSecretEnc) : undefined
    // stay registered: a session may echo them in a later error, and masking there is cheap
    this.redactor.track(password)
    this.redactor.track(sshSecret)
    let tunnel: SshTunnel | undefined
    try {
      let params = connectParamsFor(profile, password)
      if (profile.ssh.enabled && !factsOf(profile.dialect).fileBased) {
        tunnel = await openSshTunnel(profile.ssh, sshSecret, { host: params.host!, port: params.port! }, profile.connectTimeoutMs)
        const ssl = params.ssl && params.ssl.mode !== 'disable' ? { ...params.ssl, serverName: params.host } : params.ssl
        params = { ...params, host: '127.0.0.1', port: tunnel.localPort, ssl }
      }
      const session = await withTimeout(getDriver(profile.dialect).connect(params), profile.connectTimeoutMs + 2000)
      if (tunnel) {
        this.pinnedHostKeys.set(session, tunnel.hostKeyFingerprint)
        if (!profile.ssh.hostKeyFingerprint) this.pinHostKey(profile.id, tunnel.hostKeyFingerprint)
        const t = tunnel
        const close = session.close.bind(session)
        session.close = async () => {
          await close()
          await t.close()
        }
        const destroy = session.destroy?.bind(session)
        if (destroy) {
          session.destroy = () => {
            destroy()
            void t.close().catch(() => {})
          }
        }
      }
      return session
    } catch (err) {
      await tunnel?.close()
      throw this.redactor.error(err)
    }
  }
}

/** Closes politely; a dead or half-open server never says goodbye, so after CLOSE_MS the socket is dropped. */
async function closeWithin(session: DriverSession): Promise<void> {
  if ((await withinMs(session.close().catch(() => {}), CLOSE_MS)) === 'timeout') session.destroy?.()
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** A safety net over each driver's own connect timeout; a late session is closed when it arrives. */
async function withTimeout(connecting: Promise<DriverSession>, ms: number): Promise<DriverSession> {
  const session = await withinMs(connecting, ms)
  if (session !== 'timeout') return session
  connecting.then((s) => s.close()).catch(() => {})
  throw new AppError('TIMEOUT', `Could not connect within ${Math.round(ms / 1000)} s.`)
}
