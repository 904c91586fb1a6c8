import type { Dialect } from '../../../shared/cells'
import type { ImportColumnType } from '../../../shared/contract/import'
import { AppError } from '../../../shared/errors'
import type { DriverSession, StatementSink } from '../drivers/types'
import { engineFor } from '../engines'
import type { CopyInConnection } from '../engines/types'
import { copyLine, copyStatement, insertStatements, type ReadyRow } from '../import/batch-sql'
import type { Analysis, Verdict } from '../statements/types'

const SINK: StatementSink = { beginResult: () => undefined, rows: () => undefined, endResult: () => undefined, notice: () => undefined }

/**
 * Where the generated rows go: the import's machinery (PostgreSQL `COPY … FROM STDIN` on a connection of its own, the
 * others multi-row INSERTs written by the engine's literal functions) behind one shape. Every statement passes the
 * statement analyser first and must read as a write (or a transaction statement); on the session it then runs through
 * the session's own read-only guard. Statements that differ only in literals take the first one's verdict.
 */
export class Channel {
  private readonly verdicts = new Map<string, Verdict>()

  private constructor(
    private readonly dialect: Dialect,
    readonly session: DriverSession,
    readonly copy: CopyInConnection | null
  ) {}

  /** `bulk` false: never COPY (tests compare the two paths). `recordCopy` wraps the COPY connection (the audit log). */
  static async open(dialect: Dialect, session: DriverSession, bulk = true, recordCopy: (copy: CopyInConnection) => CopyInConnection = (c) => c): Promise<Channel> {
    const copyIn = bulk ? engineFor(dialect).copyIn : undefined
    const copy = copyIn ? await copyIn(session) : null
    return new Channel(dialect, session, copy ? recordCopy(copy) : null)
  }

  get beginSql(): string {
    return this.copy ? 'BEGIN' : this.session.facts.beginTransactionSql
  }

  /**
   * Analysed, refused unless a write or transaction statement (the COPY, which the analyser calls a load, is analysed as
   * the import does); `shape` names statements that differ only in literals.
   */
  private async analysed(sql: string, shape?: string, anyKind = false): Promise<Analysis> {
    const known = shape ? this.verdicts.get(shape) : undefined
    if (known) return { dialect: this.dialect, sql, statements: [{ text: sql, offset: 0, ...known }] }
    const analysis = await this.session.analyse(sql)
    const [first] = analysis.statements
    if (analysis.statements.length !== 1 || !first || (!anyKind && first.kind !== 'write' && first.kind !== 'transaction' && first.kind !== 'unknown')) {
      throw new AppError('UNSUPPORTED', `A generated statement was refused: it must be one write, but ${first?.reason || `it reads as ${first?.kind ?? 'nothing'}`}`)
    }
    if (shape) this.verdicts.set(shape, { kind: first.kind, reason: first.reason })
    return analysis
  }

  /** A statement without rows (BEGIN, SAVEPOINT, UPDATE, COMMIT…). */
  async run(sql: string, shape?: string): Promise<void> {
    const analysis = await this.analysed(sql, shape)
    if (this.copy) await this.copy.run(sql)
    else await this.session.execute(analysis, SINK)
  }

  /** Rows into the table: one COPY, or INSERTs of up to 1000 rows. */
  async insert(table: string, columns: string[], types: ImportColumnType[], rows: ReadyRow[]): Promise<void> {
    if (this.copy) {
      const sql = copyStatement(this.dialect, table, columns)
      await this.analysed(sql, `copy ${table}`, true)
      let csv = ''
      for (const row of rows) csv += copyLine(row)
      await this.copy.copy(sql, Buffer.from(csv, 'utf8'))
      return
    }
    for (const sql of insertStatements(this.dialect, table, columns, types, rows)) await this.run(sql, `insert ${table}`)
  }

  /** Cancel: the COPY connection is dropped (its transaction goes with it), the session's statement stopped. */
  async abort(): Promise<void> {
    this.copy?.abort()
    await this.session.cancel().catch(() => undefined)
  }

  async close(): Promise<void> {
    await this.copy?.close().catch(() => undefined)
  }
}
