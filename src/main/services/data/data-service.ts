import type { CallInput, CallOutput, ConnectionProfile } from '../../../shared/contract'
import type { DataChange, DataTableRef } from '../../../shared/contract/data'
import { factsOf, type EngineFacts } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import type { Cell, ColumnMeta } from '../../../shared/cells'
import { CollectingSink } from '../drivers/collect-sink'
import type { DriverSession } from '../drivers/types'
import type { Analysis } from '../statements'
import { changeSql } from './dml'
import { selectCount, selectNothing, selectPage } from './select'
import { ReadSessions } from './read-sessions'
import { findTable, tableInfo, type TableInfo } from './table-info'

export interface DataConnections {
  /** The profile (read-only flag, production tag). */
  get(id: string): ConnectionProfile
  /** A new dedicated session; the caller closes it. Never a tab's session. */
  session(id: string): Promise<DriverSession>
  /** The statement analyser with the connection's catalog context. */
  analyse(id: string, sql: string): Promise<Analysis>
}

export interface DataServiceDeps {
  connections: DataConnections
  schema: { get(connectionId: string, options?: { refresh?: boolean }): Promise<SchemaModel> }
  /** Keeps a record of each apply that ran (the query history is the app's audit trail). */
  record?(entry: AppliedEdit): void
}

/** One `data.apply` that reached the server: its statements, and whether they were committed. */
export interface AppliedEdit {
  connectionId: string
  sql: string
  startedAt: string
  durationMs: number
  rows: number
  status: 'ok' | 'error'
  error: string | null
}

/** The statement analysed as exactly one statement of `kind`, else refused with why. */
async function analysedAs(deps: DataServiceDeps, connectionId: string, sql: string, kind: 'read' | 'write', what: string): Promise<Analysis> {
  const analysis = await deps.connections.analyse(connectionId, sql)
  if (analysis.statements.length !== 1) {
    const why = kind === 'read' ? ': a `;` or a comment in the condition changed it' : ''
    throw new AppError('INVALID_INPUT', `${what} must be one statement, but it reads as ${analysis.statements.length}${why}`)
  }
  const [statement] = analysis.statements
  if (statement!.kind !== kind) {
    // a generated write the analyser does not read as a plain write (e.g. a name it takes for a function call) is not run
    throw new AppError(kind === 'read' ? 'INVALID_INPUT' : 'UNSUPPORTED', `${what} was refused: it must only ${kind === 'read' ? 'read' : 'write this table'}, but ${statement!.reason || `it reads as ${statement!.kind}`}`)
  }
  return analysis
}

/** Runs on a session of its own and closes it. */
async function withSession<T>(deps: DataServiceDeps, connectionId: string, fn: (session: DriverSession) => Promise<T>): Promise<T> {
  const session = await deps.connections.session(connectionId)
  try {
    return await fn(session)
  } finally {
    await session.close().catch(() => session.destroy?.())
  }
}

/**
 * The table data view and its editing: pages of a table with a server-side filter and order, and changes applied in
 * one transaction. Every statement is built from the engine's facts (quoting, literals, LIMIT/TOP) and passes the
 * statement analyser before it runs; the text that runs is the text the user is shown.
 */
export class DataService {
  private readonly reads: ReadSessions

  constructor(private readonly deps: DataServiceDeps) {
    this.reads = new ReadSessions((id) => deps.connections.session(id))
  }

  /** The connection's profile changed or it was deleted: its kept read session goes. */
  forget(connectionId: string): void {
    this.reads.forget(connectionId)
    for (const key of this.kinds.keys()) if (key.startsWith(`${connectionId}\0`)) this.kinds.delete(key)
  }

  async dispose(): Promise<void> {
    await this.reads.close()
  }

  /** Runs one analysed SELECT on a read session and collects its one result. */
  private async read(connectionId: string, analysis: Analysis): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    return this.reads.with(connectionId, async (session) => {
      const sink = new CollectingSink()
      await session.execute(analysis, sink)
      return sink.results[0] ?? { columns: [], rows: [] }
    })
  }

  /**
   * The table from the schema model (read again once when it is not there: created since), with the driver's column
   * kinds from a zero-row SELECT (for the editors, and for the literals: numbers, binary).
   */
  /** The driver's columns of a table, per connection, model fingerprint and table: read once per schema version. */
  private readonly kinds = new Map<string, ColumnMeta[]>()

  private async table(connectionId: string, ref: DataTableRef): Promise<{ info: TableInfo; profile: ConnectionProfile }> {
    const profile = this.deps.connections.get(connectionId)
    let model = await this.deps.schema.get(connectionId)
    let table = findTable(model, ref)
    if (!table) {
      // created since the model was read
      model = await this.deps.schema.get(connectionId, { refresh: true })
      table = findTable(model, ref)
    }
    if (!table) throw new AppError('NOT_FOUND', `No table or view ${ref.schema ? `${ref.schema}.` : ''}${ref.name}`)
    const cacheKey = [connectionId, model.fingerprint, table.schema, table.name].join('\0')
    let meta = this.kinds.get(cacheKey)
    if (!meta) {
      const sql = selectNothing((await this.facts(connectionId)).facts, table, table.schema === model.defaultSchema)
      meta = (await this.read(connectionId, await analysedAs(this.deps, connectionId, sql, 'read', `Reading ${table.name}`))).columns
      if (this.kinds.size > 500) this.kinds.clear()
      this.kinds.set(cacheKey, meta)
    }
    return { info: tableInfo(model, table, meta), profile }
  }

  /** The engine's facts (quoting, literals, LIMIT/TOP) for the connection's dialect. */
  private async facts(connectionId: string): Promise<{ facts: EngineFacts }> {
    return { facts: factsOf(this.deps.connections.get(connectionId).dialect) }
  }

  async open(input: CallInput<'data.open'>): Promise<CallOutput<'data.open'>> {
    const { info, profile } = await this.table(input.connectionId, input.table)
    const { structuralReason, inDefaultSchema: _inDefault, ...rest } = info
    const reason = structuralReason ?? (profile.readOnly ? `The connection ${profile.name} is read-only: turn that off in its settings to edit rows.` : undefined)
    return {
      ...rest,
      editable: !reason,
      ...(reason && { notEditableReason: reason }),
      readOnly: profile.readOnly,
      production: profile.tag === 'production'
    }
  }

  async rows(input: CallInput<'data.rows'>): Promise<CallOutput<'data.rows'>> {
    const { info } = await this.table(input.connectionId, input.table)
    const { facts } = await this.facts(input.connectionId)
    // one row more than asked: whether another page follows
    const sql = selectPage(facts, info, { ...input, limit: input.limit + 1 })
    const shown = selectPage(facts, info, input)
    const analysis = await analysedAs(this.deps, input.connectionId, sql, 'read', 'The SELECT with this condition')
    const result = await this.read(input.connectionId, analysis)
    const done = result.rows.length <= input.limit
    return { columns: result.columns, rows: done ? result.rows : result.rows.slice(0, input.limit), sql: shown, done }
  }

  async count(input: CallInput<'data.count'>): Promise<CallOutput<'data.count'>> {
    const { info } = await this.table(input.connectionId, input.table)
    const { facts } = await this.facts(input.connectionId)
    const sql = selectCount(facts, info, input)
    const analysis = await analysedAs(this.deps, input.connectionId, sql, 'read', 'The count with this condition')
    const value = (await this.read(input.connectionId, analysis)).rows[0]?.[0]
    const count = Number(value)
    if (!Number.isFinite(count)) throw new AppError('INTERNAL', `The server answered the count with ${String(value)}`)
    return { count, sql }
  }

  private async statements(connectionId: string, info: TableInfo, changes: DataChange[]): Promise<string[]> {
    const { facts } = await this.facts(connectionId)
    return changes.map((change, index) => changeSql(facts, info, change, index))
  }

  async preview(input: CallInput<'data.preview'>): Promise<CallOutput<'data.preview'>> {
    const { info } = await this.table(input.connectionId, input.table)
    return { statements: await this.statements(input.connectionId, info, input.changes) }
  }

  async apply(input: CallInput<'data.apply'>): Promise<CallOutput<'data.apply'>> {
    const profile = this.deps.connections.get(input.connectionId)
    if (profile.readOnly) throw new AppError('READ_ONLY', `The connection ${profile.name} is read-only: no rows were changed.`)
    if (profile.tag === 'production' && !input.confirmed) {
      throw new AppError('CONFIRMATION_REQUIRED', `${profile.name} is a production connection: confirm to apply ${input.changes.length} change${input.changes.length === 1 ? '' : 's'}.`)
    }
    const { info } = await this.table(input.connectionId, input.table)
    const statements = await this.statements(input.connectionId, info, input.changes)
    // every statement analysed before anything runs: exactly one write each
    const analyses: Analysis[] = []
    for (const [index, sql] of statements.entries()) analyses.push(await analysedAs(this.deps, input.connectionId, sql, 'write', `Change ${index + 1}`))
    const { facts } = await this.facts(input.connectionId)
    const startedAt = new Date().toISOString()
    const started = performance.now()
    const record = (rows: number, error: string | null): void =>
      this.deps.record?.({ connectionId: input.connectionId, sql: statements.map((s) => `${s};`).join('\n'), startedAt, durationMs: performance.now() - started, rows, status: error === null ? 'ok' : 'error', error })

    return withSession(this.deps, input.connectionId, async (session) => {
      const sink = new CollectingSink()
      await session.execute(facts.beginTransactionSql, sink)
      for (const [index, analysis] of analyses.entries()) {
        const change = input.changes[index]!
        let message: string | undefined
        let sqlState: string | undefined
        try {
          const one = new CollectingSink()
          await session.execute(analysis, one)
          const affected = one.results.at(-1)?.rowsAffected
          if (affected != null && affected !== 1) message = affectedMessage(change, affected)
        } catch (err) {
          message = err instanceof Error ? err.message : String(err)
          sqlState = err instanceof AppError ? err.detail?.sqlState : undefined
        }
        if (message !== undefined) {
          await rollback(session)
          record(0, `Change ${index + 1}: ${message}`)
          return { applied: 0, errors: [{ index, message, ...(sqlState && { sqlState }) }], statements }
        }
      }
      try {
        await session.execute('COMMIT', sink)
      } catch (err) {
        await rollback(session)
        record(0, err instanceof Error ? err.message : String(err))
        throw err
      }
      record(statements.length, null)
      return { applied: statements.length, errors: [], statements }
    })
  }
}

async function rollback(session: DriverSession): Promise<void> {
  try {
    await session.execute('ROLLBACK', new CollectingSink())
  } catch {
    // a session that cannot roll back is dropped: the server rolls the transaction back when it goes
    session.destroy?.()
  }
}

function affectedMessage(change: DataChange, affected: number): string {
  const verb = change.kind === 'delete' ? 'delete' : change.kind === 'update' ? 'update' : 'insert'
  if (affected === 0) {
    return `The row to ${verb} was not found: it was deleted or its key changed since it was read. Nothing was applied; reload the rows.`
  }
  return `The ${verb} would change ${affected} rows instead of 1: the row key does not identify one row. Nothing was applied.`
}
