import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'

const field = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * The rejected rows of one import as CSV: the source's columns plus `line` (the data row's number, 1 = first data
 * row) and `reason`. Created on the first rejected row only, under a name that exists nowhere yet ('wx'), in the
 * first folder of `folders` that takes it (next to the source, else the data folder's exports area).
 */
export class RejectedFile {
  private fd: number | null = null
  path: string | null = null
  count = 0

  constructor(
    private readonly folders: string[],
    private readonly stem: string,
    private readonly columns: string[]
  ) {}

  add(line: number, values: readonly unknown[] | null, reason: string): void {
    if (this.fd === null) this.open()
    const cells = this.columns.map((_, i) => field(values?.[i]))
    writeSync(this.fd!, `${[...cells, String(line), field(reason)].join(',')}\r\n`)
    this.count++
  }

  private open(): void {
    let last: unknown
    for (const folder of this.folders) {
      try {
        mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE })
        for (let n = 1; n < 1000; n++) {
          const path = join(folder, `${this.stem}.rejected${n === 1 ? '' : ` (${n})`}.csv`)
          try {
            this.fd = openSync(path, 'wx', PRIVATE_FILE_MODE)
            this.path = path
            writeSync(this.fd, `${[...this.columns, 'line', 'reason'].map(field).join(',')}\r\n`)
            return
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
          }
        }
      } catch (e) {
        last = e
      }
    }
    throw last instanceof Error ? last : new Error(`cannot create the rejected rows file in ${this.folders.map((f) => dirname(f)).join(', ')}`)
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }
}
