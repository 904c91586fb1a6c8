/** A result column as pg's RowDescription message gives it. */
export interface PgField {
  name: string
  dataTypeID: number
}

/**
 * pg's "submittable" protocol: the client calls these for the active query's messages; a subclass answers the ones
 * its statement produces. An error settles at once: the server still sends ReadyForQuery, a broken connection does not.
 */
export abstract class Submittable {
  protected settled = false
  protected error: Error | null = null
  handleRowDescription(_msg: { fields: PgField[] }): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCommandComplete(_msg: { text: string }): void {}
  handleCopyData(_msg: { chunk: Buffer }): void {}
  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }): void {
    connection.sendCopyFail('No COPY FROM here')
  }
  handleError(err: Error): void {
    this.error ??= err
    this.fail(err)
  }
  abstract handleReadyForQuery(): void
  abstract submit(connection: unknown): void
  protected abstract fail(err: Error): void
}
