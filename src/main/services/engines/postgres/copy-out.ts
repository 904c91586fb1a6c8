import pg from 'pg'
import { AppError } from '../../../../shared/errors'
import type { ConnectParams, DriverSession } from '../../drivers/types'
import type { CopyOutOptions, CopyOutTarget } from '../types'
import { clientConfig, postgresProbeTarget } from './driver'
import { Submittable, type PgField } from './pg-submittable'

/**
 * CSV/TSV export of one read-only SELECT-like statement through `COPY (…) TO STDOUT (FORMAT csv)`, what psql's
 * `\copy` does: the server formats the rows, and they go to the file as they arrive, without becoming cells. It opens
 * its own connection with the export session's connect parameters (tunnel and password included), read-only
 * (`default_transaction_read_only=on`), and sends the statement through the extended protocol, so the server takes a
 * single statement only.
 *
 * The output is the generic CSV writer's (text-formats.ts `delimited`) for the same rows: the statement is wrapped as
 * `SELECT … FROM (<statement>) AS q(c0, …)` so that booleans print as `true`/`false` and an empty text as an empty
 * field, like null (see `column`); every row ends in CRLF for CSV. Known differences (asserted in
 * export-copy.test.ts): floats keep PostgreSQL's notation (`1e+16`, `1.5e-05`, `-0`, where JavaScript writes
 * `10000000000000000`, `0.000015`, `0`: the same value); bytea is written whole (the generic path has only the
 * grid's hex, capped at 64 KiB); a one-column value `\.` is quoted.
 */

/** Engine.copyOut for PostgreSQL: the export session's connect parameters, and the COPY below. */
export function postgresCopyOut(session: DriverSession, statement: string, options: CopyOutOptions, target: CopyOutTarget): Promise<number | null> {
  const params = postgresProbeTarget(session)?.params
  return params ? copyOut(params, statement, options, target) : Promise.resolve(null)
}

const SELECT_LIKE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*(select|with|values|table)\b/i
/**
 * Builtin types whose text is never empty, so COPY writes them as they are. char(n) is here too: its text is n
 * characters, and both its casts to text and `= ''` ignore trailing blanks.
 */
const NEVER_EMPTY = new Set([20, 21, 23, 26, 700, 701, 1700, 17, 1042, 1082, 1083, 1266, 1114, 1184, 1186, 114, 3802, 2950, 869, 650, 829, 774])
/** text, varchar, name, "char": their cast to text is their text. */
const TEXT = new Set([25, 1043, 19, 18])

/**
 * A column as the generic writer shows it: booleans as `true`/`false` (a boolean's cast to text), and an empty
 * text as null (COPY would write `""`, the generic writer an empty field). Any other type is written by its own
 * output function, and is null only when that text is empty.
 */
function column(c: string, oid: number): string {
  if (oid === 16) return `${c}::text`
  if (NEVER_EMPTY.has(oid)) return c
  if (TEXT.has(oid)) return `nullif(${c}::text, '')`
  return `case when ${c}::text = '' then null else ${c} end`
}

const CHUNK = 1 << 18

/**
 * Streams the statement's rows into `target`. Resolves with the row count, or with null when COPY cannot take this
 * statement (not a SELECT-like one, no columns, or the server refuses the wrapped form before any row): the caller
 * then runs the generic path, which reports the server's own error if there is one.
 */
export async function copyOut(params: ConnectParams, sql: string, options: CopyOutOptions, target: CopyOutTarget): Promise<number | null> {
  const statement = sql.replace(/[\s;]+$/, '')
  if (!SELECT_LIKE.test(statement)) return null
  const config = clientConfig({ ...params, readOnly: true })
  // the file is UTF-8 like the generic writer's, whatever the database's encoding (pg itself asks for none)
  const client = new pg.Client({ ...config, options: `${config.options ?? ''} -c client_encoding=UTF8` })
  client.on('error', () => undefined)
  const connection = (client as unknown as { connection: PgConnection }).connection
  const abort = (): void => connection.stream.destroy()
  options.signal.addEventListener('abort', abort)
  try {
    if (options.signal.aborted) throw new AppError('CANCELLED', 'Export cancelled.')
    await client.connect()
    const fields = await new Promise<PgField[] | null>((resolve, reject) => void client.query(new Describe(statement, resolve, reject) as never))
    if (!fields?.length) return null
    const exprs = fields.map((f, i) => column(`c${i}`, f.dataTypeID))
    const delimiter = options.delimiter === '\t' ? "E'\\t'" : "','"
    const sql = `COPY (SELECT ${exprs.join(', ')} FROM (${statement}\n) AS q(${fields.map((_, i) => `c${i}`).join(', ')})) TO STDOUT (FORMAT csv, DELIMITER ${delimiter})`
    return await new Promise<number | null>((resolve, reject) => void client.query(new CopyToTarget(sql, options.eol === '\r\n', fields, target, resolve, reject) as never))
  } catch (err) {
    if (options.signal.aborted) throw new AppError('CANCELLED', 'Export cancelled.')
    throw err
  } finally {
    options.signal.removeEventListener('abort', abort)
    await client.end().catch(() => undefined)
  }
}

interface PgConnection {
  stream: { pause(): void; resume(): void; destroy(): void }
  parse(q: { text: string }): void
  bind(c: object): void
  describe(m: { type: 'S' | 'P'; name?: string }): void
  execute(c: { portal?: string; rows?: number }): void
  sync(): void
  sendCopyFail(msg: string): void
  on(event: string, f: (...args: never[]) => void): void
  off(event: string, f: (...args: never[]) => void): void
}

/** Parse + Describe statement: the result's columns without running anything (null: the statement returns no rows). */
class Describe extends Submittable {
  private fields: PgField[] | null = null
  constructor(
    private readonly text: string,
    private readonly resolve: (fields: PgField[] | null) => void,
    private readonly reject: (err: Error) => void
  ) {
    super()
  }
  submit(connection: PgConnection): void {
    connection.parse({ text: this.text })
    connection.describe({ type: 'S' })
    connection.sync()
  }
  handleRowDescription(msg: { fields: PgField[] }): void {
    this.fields = msg.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }))
  }
  handleError(err: Error): void {
    // a statement the server cannot prepare alone: the generic path runs it and reports what is wrong
    if ((err as { severity?: string }).severity) this.error = err
    else super.handleError(err)
  }
  handleReadyForQuery(): void {
    if (this.settled) return
    this.settled = true
    this.resolve(this.error ? null : this.fields)
  }
  protected fail(err: Error): void {
    if (this.settled) return
    this.settled = true
    this.reject(err)
  }
}

/** Parse, Bind, Execute, Sync of the COPY; each CopyData message is one row, gathered into chunks of whole rows. */
class CopyToTarget extends Submittable {
  private connection: PgConnection | null = null
  private buffer = Buffer.allocUnsafe(CHUNK)
  private used = 0
  private rows = 0
  private bufferedRows = 0
  private started = false
  private pending: Promise<void> | null = null
  private readonly onCopyOut = (): void => {
    this.started = true
    this.target.begin(this.fields.map((f) => f.name))
  }

  constructor(
    private readonly text: string,
    private readonly crlf: boolean,
    private readonly fields: PgField[],
    private readonly target: CopyOutTarget,
    private readonly resolve: (rows: number | null) => void,
    private readonly reject: (err: Error) => void
  ) {
    super()
  }

  submit(connection: PgConnection): void {
    this.connection = connection
    connection.on('copyOutResponse', this.onCopyOut)
    connection.parse({ text: this.text })
    connection.bind({})
    connection.execute({ rows: 0 })
    connection.sync()
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    const row = msg.chunk
    const need = row.length + 1
    if (this.used + need > this.buffer.length) {
      this.flush()
      if (need > this.buffer.length) this.buffer = Buffer.allocUnsafe(need)
    }
    // the server ends every row in LF (a line break inside a quoted value stays as it is, as in the generic writer)
    if (this.crlf && row[row.length - 1] === 10) {
      this.used += row.copy(this.buffer, this.used, 0, row.length - 1)
      this.buffer[this.used++] = 13
      this.buffer[this.used++] = 10
    } else this.used += row.copy(this.buffer, this.used)
    this.bufferedRows++
  }

  /** Hands the gathered rows over (the chunk is the target's from now on); pauses the socket while the file is full. */
  private flush(): void {
    if (this.used === 0) return
    const chunk = this.buffer.subarray(0, this.used)
    const rows = this.bufferedRows
    this.buffer = Buffer.allocUnsafe(CHUNK)
    this.used = 0
    this.bufferedRows = 0
    this.rows += rows
    const wait = this.target.write(chunk, rows)
    if (wait && !this.pending) {
      this.connection!.stream.pause()
      this.pending = wait.then(
        () => {
          this.pending = null
          this.connection!.stream.resume()
        },
        (err: Error) => {
          this.pending = null
          this.error ??= err
          this.connection!.stream.destroy()
        }
      )
    }
  }

  handleReadyForQuery(): void {
    if (this.settled) return
    this.connection?.off('copyOutResponse', this.onCopyOut)
    if (this.error) return this.fail(this.error)
    this.flush()
    const finish = (): void => {
      if (this.settled) return
      this.settled = true
      if (this.error) this.reject(this.error)
      else this.resolve(this.rows)
    }
    if (this.pending) void this.pending.then(finish, finish)
    else finish()
  }

  protected fail(err: Error): void {
    if (this.settled) return
    this.settled = true
    this.connection?.off('copyOutResponse', this.onCopyOut)
    // refused before any row (the wrapped form is not valid for this statement, or FOR UPDATE in the read-only
    // transaction): the generic path runs it, and reports the server's error if it has one too
    const code = (err as { code?: string }).code ?? ''
    if (!this.started && (code.startsWith('42') || code.startsWith('0A') || code === '25006')) this.resolve(null)
    else this.reject(this.error ?? err)
  }
}
