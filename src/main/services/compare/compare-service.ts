import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CallInput, CallOutput, ConnectionProfile } from '../../../shared/contract'
import type { CompareSide } from '../../../shared/contract/compare'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import { parseSchemaModelJson } from '../docs/json'
import type { DriverSession } from '../drivers/types'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'
import { applyScript } from './apply'
import { alignModels, compareModels } from './compare'
import { planMigration } from './migration/plan'
import { migrationDialectFor } from './migration/registry'
import { buildScript, type Counter } from './migration/script'

export interface CompareDeps {
  connections: {
    get(id: string): ConnectionProfile
    /** A new dedicated session; the caller closes it. */
    session(id: string): Promise<DriverSession>
  }
  schema: { get(connectionId: string, options?: { refresh?: boolean }): Promise<SchemaModel> }
  /** Saved scripts go here (the data folder's exports area). */
  exportDir: string
  /** After a script ran: the connection's schema changed. */
  onSchemaChange?(connectionId: string): void
}

/** Schema compare: two connections (or a connection and a docs snapshot), their differences and a migration script. */
export class CompareService {
  private readonly downloads = new Map<string, string>()

  constructor(private readonly deps: CompareDeps) {}

  async run(input: CallInput<'compare.run'>): Promise<CallOutput<'compare.run'>> {
    const [left, right] = await Promise.all([this.model(input.left), this.model(input.right)])
    const pair = alignModels(left.model, right.model, { left: input.left.schema, right: input.right.schema })
    const { summary, objects } = compareModels(pair)
    const d = left.model.dialect === right.model.dialect ? migrationDialectFor(left.model.dialect) : null
    let script = null
    if (d) {
      const plan = planMigration(pair, objects, d)
      const session = 'connectionId' in input.left ? await this.deps.connections.session(input.left.connectionId) : null
      try {
        script = await buildScript(left.model.dialect, plan, d, session ? counter(session) : undefined)
      } finally {
        await session?.close().catch(() => undefined)
      }
    }
    return { leftLabel: left.label, rightLabel: right.label, summary, objects, script }
  }

  async apply(input: CallInput<'compare.apply'>): Promise<CallOutput<'compare.apply'>> {
    const profile = this.deps.connections.get(input.connectionId)
    // refused before anything is sent
    if (profile.readOnly) throw new AppError('READ_ONLY', `"${profile.name}" is a read-only connection: a migration changes its schema. Turn Read-only off in the connection's settings to apply it.`)
    if (!input.confirmed) throw new AppError('CONFIRMATION_REQUIRED', `Applying the script changes the schema of ${profile.name}: confirm first.`)
    const d = migrationDialectFor(profile.dialect)
    const session = await this.deps.connections.session(input.connectionId)
    try {
      return await applyScript(session, input.script, d?.transactional ?? false)
    } finally {
      await session.close().catch(() => session.destroy?.())
      this.deps.onSchemaChange?.(input.connectionId)
    }
  }

  save(input: CallInput<'compare.save'>): CallOutput<'compare.save'> {
    mkdirSync(this.deps.exportDir, { recursive: true, mode: PRIVATE_DIR_MODE })
    const base = (input.name ?? 'migration').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/\.sql$/i, '') || 'migration'
    const path = join(this.deps.exportDir, `${base}-${new Date().toISOString().replace(/[:.]/g, '-')}.sql`)
    writeFileSync(path, input.script, { mode: PRIVATE_FILE_MODE })
    const downloadId = `x_${randomBytes(12).toString('base64url')}`
    this.downloads.set(downloadId, path)
    return { path, downloadId }
  }

  downloadPath(id: string): string | undefined {
    return this.downloads.get(id)
  }

  private async model(side: CompareSide): Promise<{ model: SchemaModel; label: string }> {
    if ('connectionId' in side) {
      // a comparison is of the schema as it is now, not as last cached
      const model = await this.deps.schema.get(side.connectionId, { refresh: true })
      return { model, label: this.deps.connections.get(side.connectionId).name }
    }
    try {
      return { model: parseSchemaModelJson(side.snapshotJson), label: 'snapshot' }
    } catch {
      throw new AppError('INVALID_INPUT', 'The snapshot is not a schema.json written by querygenie docs --format json.')
    }
  }
}

/** Bounded counts on the left side's session (reads only); a count that fails is left out, not fatal. */
function counter(session: DriverSession): Counter {
  return async (sql) => {
    try {
      const { rows } = await session.query(sql)
      const n = Number(rows[0]?.[0])
      return Number.isFinite(n) ? n : null
    } catch {
      return null
    }
  }
}
