import { createWriteStream, type WriteStream } from 'node:fs'
import type { Cell, ColumnMeta, Dialect } from '../../../../shared/cells'
import type { ExportFormat } from '../../../../shared/contract'
import { textFormat } from './text-formats'
import { xlsxCell } from './cell-typing'

/** Writes one export file; `write` resolves when the file can take more (backpressure). */
export interface FileWriter {
  write(batch: Cell[][]): Promise<void>
  /**
   * Text formats: bytes already in the format (a server's COPY output), written at once in call order; the header
   * goes first as with `write`. A promise when the file is behind (wait for it), else undefined.
   */
  writeRaw?(chunk: Buffer): void | Promise<void>
  finish(): Promise<void>
  /** Stops without finishing (the caller deletes the file). */
  abort(): Promise<void>
  readonly bytes: number
}

export interface FileWriterOptions {
  path: string
  format: ExportFormat
  columns: ColumnMeta[]
  header: boolean
  tableName?: string
  dialect?: Dialect
}

export function createFileWriter(options: FileWriterOptions): FileWriter {
  return options.format === 'xlsx' ? xlsxWriter(options) : textWriter(options)
}

function textWriter(options: FileWriterOptions): FileWriter {
  const format = textFormat(options.format as Exclude<ExportFormat, 'xlsx'>, options)
  const out = createWriteStream(options.path, { highWaterMark: 1 << 20 })
  let failure: Error | null = null
  out.on('error', (e) => (failure = e))
  const put = (text: string | Buffer): Promise<void> => {
    if (failure) return Promise.reject(failure)
    if (text.length === 0 || out.write(text)) return Promise.resolve()
    return waitDrain(out)
  }
  let started = false
  return {
    get bytes() {
      return out.bytesWritten + out.writableLength
    },
    async write(batch) {
      if (!started) {
        started = true
        await put(format.header())
      }
      await put(format.rows(batch))
    },
    // not async: the bytes go to the stream in call order, and nothing to wait for when the stream takes more
    writeRaw(chunk) {
      if (failure) return Promise.reject(failure)
      if (!started) out.write(format.header())
      started = true
      return out.write(chunk) ? undefined : waitDrain(out)
    },
    async finish() {
      if (!started) await put(format.header())
      await put(format.footer())
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
      if (failure) throw failure
    },
    async abort() {
      if (out.closed) return
      await new Promise<void>((resolve) => {
        out.once('close', () => resolve())
        out.destroy()
      })
    }
  }
}

function waitDrain(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      out.off('error', fail)
      resolve()
    }
    const fail = (e: Error): void => {
      out.off('drain', done)
      reject(e)
    }
    out.once('drain', done)
    out.once('error', fail)
  })
}

/**
 * exceljs's streaming writer: rows are committed as they come, so memory stays flat. exceljs is imported on the first
 * XLSX export (it is a large share of what the services load at start-up). Cells are typed by `xlsxCell`
 * (cell-typing.ts): numbers, booleans and dates as Excel values; a value of a number or date column that must stay text
 * to stay exact gets a note, once per column (on its first such cell).
 */
function xlsxWriter(options: FileWriterOptions): FileWriter {
  const ready = import('exceljs').then(({ default: ExcelJS }) => {
    // styles on: dates need a number format
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: options.path, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet('Result')
    if (options.header) sheet.addRow(options.columns.map((c) => c.name)).commit()
    return { workbook, sheet }
  })
  // a failure reaches the caller through write/finish
  ready.catch(() => undefined)
  const { columns } = options
  const noted = new Set<number>()
  let rows = 0
  return {
    get bytes() {
      return rows
    },
    async write(batch) {
      const { sheet } = await ready
      for (const row of batch) {
        const cells = row.map((v, i) => xlsxCell(v, columns[i]))
        const added = sheet.addRow(cells.map((c) => c.value))
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i]
          if (c.numFmt) added.getCell(i + 1).numFmt = c.numFmt
          if (c.keptAsText && !noted.has(i)) {
            noted.add(i)
            added.getCell(i + 1).note = `QueryGenie: ${c.keptAsText}.`
          }
        }
        added.commit()
      }
      rows += batch.length
      // let the zip stream flush between batches
      await new Promise<void>((resolve) => setImmediate(resolve))
    },
    async finish() {
      const { workbook, sheet } = await ready
      sheet.commit()
      await workbook.commit()
    },
    async abort() {
      const opened = await ready.catch(() => null)
      if (!opened) return
      opened.sheet.commit()
      await opened.workbook.commit().catch(() => undefined)
    }
  }
}
