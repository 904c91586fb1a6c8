import pg from 'pg'
import type { DriverSession } from '../../drivers/types'
import type { CopyInConnection } from '../types'
import { clientConfig, postgresProbeTarget } from './driver'
import { Submittable } from './pg-submittable'

/**
 * Bulk load through `COPY … FROM STDIN`, what psql's `\copy … from` does: the caller's CSV goes to the server as
 * CopyData messages, without a statement per row. Like copy-out.ts it opens its own connection with the session's
 * connect parameters (tunnel and password included; never on a read-only connection, the caller refuses those), so
 * the caller's BEGIN / COMMIT on it frame several COPYs in one transaction.
 */
export async function postgresCopyIn(session: DriverSession): Promise<CopyInConnection | null> {
  const params = postgresProbeTarget(session)?.params
  if (!params || params.readOnly) return null
  const config = clientConfig(params)
  const client = new pg.Client({ ...config, options: `${config.options ?? ''} -c client_encoding=UTF8` })
  client.on('error', () => undefined)
  await client.connect()
  const connection = (client as unknown as { connection: PgConnection }).connection
  return {
    run: async (sql) => void (await client.query(sql)),
    copy: (sql, data) => new Promise<number>((resolve, reject) => void client.query(new CopyFrom(sql, data, resolve, reject) as never)),
    abort: () => connection.stream.destroy(),
    close: () => client.end().catch(() => undefined)
  }
}

interface PgConnection {
  stream: { destroy(): void }
  query(text: string): void
  sendCopyFromChunk(chunk: Buffer): void
  endCopyFrom(): void
  sendCopyFail(msg: string): void
}

const CHUNK = 1 << 16

/** One simple-protocol COPY FROM STDIN fed from a buffer. */
class CopyFrom extends Submittable {
  private rows = 0
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (err: Error) => void
  ) {
    super()
  }
  submit(connection: PgConnection): void {
    connection.query(this.text)
  }
  handleCopyInResponse(connection: PgConnection): void {
    for (let at = 0; at < this.data.length; at += CHUNK) connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK))
    connection.endCopyFrom()
  }
  handleCommandComplete(msg: { text: string }): void {
    this.rows = Number(/\d+$/.exec(msg.text)?.[0] ?? 0)
  }
  handleReadyForQuery(): void {
    this.settle()
  }
  protected fail(): void {
    this.settle()
  }
  private settle(): void {
    if (this.settled) return
    this.settled = true
    if (this.error) this.reject(this.error)
    else this.resolve(this.rows)
  }
}
