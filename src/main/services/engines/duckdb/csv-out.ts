import {
  DuckDBBigIntVector,
  DuckDBBooleanVector,
  DuckDBDateVector,
  DuckDBDecimal128Vector,
  DuckDBDecimal16Vector,
  DuckDBDecimal32Vector,
  DuckDBDecimal64Vector,
  DuckDBDoubleVector,
  DuckDBIntegerVector,
  DuckDBSmallIntVector,
  DuckDBTimestampVector,
  DuckDBTinyIntVector,
  DuckDBTypeId,
  DuckDBUIntegerVector,
  DuckDBUSmallIntVector,
  DuckDBUTinyIntVector,
  DuckDBVarCharVector,
  type DuckDBDataChunk,
  type DuckDBDecimalType,
  type DuckDBType,
  type DuckDBVector
} from '@duckdb/node-api'
import duckdb from '@duckdb/node-bindings'
import type { Cell } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import type { DriverSession, StatementSink } from '../../drivers/types'
import type { CopyOutOptions, CopyOutTarget } from '../types'
import type { DuckChunkSink } from './driver'
import { cellConverter, dateText, safeTimestampText } from './duck-types'

/**
 * Engine.copyOut for DuckDB: CSV/TSV written by us from DuckDB's chunks, byte for byte what the generic writer
 * (export/text-formats.ts `delimited`) writes for the cells the driver makes (`cellConverter`), without the cells:
 * each chunk's columns are read straight from their vectors (integers, doubles, booleans, decimals, dates, timestamps,
 * ASCII text as bytes; other types through the column's converter) and the rows go into one byte buffer. Not
 * DuckDB's own `COPY … TO`: a read-only connection has file access off, and its CSV spells values differently.
 * The statement runs through the session as any other (its read-only transaction, cancel, the first result set).
 */
export async function duckdbCopyOut(session: DriverSession, statement: string, options: CopyOutOptions, target: CopyOutTarget): Promise<number | null> {
  let state: 'before' | 'writing' | 'after' = 'before'
  let csv: ChunkCsv | null = null
  const sink: StatementSink & DuckChunkSink = {
    beginResult: (columns) => {
      if (state === 'before' && columns.length) {
        target.begin(columns.map((c) => c.name))
        csv = new ChunkCsv(options.delimiter, options.eol, target)
        state = 'writing'
      }
    },
    rows: () => undefined,
    duckChunk: async (chunk, types) => {
      if (state === 'writing') await csv!.write(chunk, types)
    },
    endResult: () => {
      if (state === 'writing') state = 'after'
    },
    notice: () => undefined
  }
  await session.execute(statement, sink, { signal: options.signal })
  if (!csv) throw new AppError('INVALID_INPUT', 'The query returned no rows to export (it has no result set).')
  const written = csv as ChunkCsv
  await written.flush()
  return written.rows
}

const FLUSH_AT = 1 << 19
const QUOTE = 34
const CR = 13
const LF = 10
const TWO_POW_32 = 4294967296

const DAY_SLOTS = 1024
const INTEGER_TYPES = new Set([DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER])

type FieldWriter = (row: number) => void

/** The validity bits of a vector (null: all valid), as 32-bit words, and the vector's first bit. */
interface Validity {
  words: Uint32Array | null
  offset: number
}

/** The vector's own arrays (the library keeps them private): read when they are what this version has, else null. */
function internals(vector: DuckDBVector): { items?: unknown; dataView?: unknown; validity: Validity } | null {
  const raw = vector as unknown as { items?: unknown; dataView?: unknown; validity?: { data?: unknown; offset?: unknown } }
  const data = raw.validity?.data
  const offset = raw.validity?.offset
  if (typeof offset !== 'number' || !(data === null || data instanceof BigUint64Array)) return null
  const words = data === null ? null : new Uint32Array(data.buffer, data.byteOffset, data.length * 2)
  return { items: raw.items, dataView: raw.dataView, validity: { words, offset } }
}

/** Gaps between texts a run may span: smaller than a page (see longTexts); DuckDB aligns its strings to 8 bytes. */
const MAX_GAP = 64

/**
 * The bytes of a VARCHAR vector's longer texts (over 12 bytes: DuckDB keeps a pointer to them), by row: a run of
 * memory and where the row's text starts in it. The library's getItem copies each text out of DuckDB's memory with
 * one native call (an ArrayBuffer per value, about 1.5 µs: more than all the other work of a CSV row); texts DuckDB
 * wrote one after the other (a chunk's strings sit in a few arena blocks) are copied here with one call per run.
 * A run is only ever texts of this vector and the gaps between them, each under MAX_GAP bytes: every byte read lies
 * in a page that also holds bytes of a text (memory is readable or not by whole pages), so nothing is read that the
 * library's own reads could not reach. Texts out of order or far apart start a new run.
 */
function longTexts(dataView: DataView, count: number, valid: (r: number) => boolean): { runs: Uint8Array[]; offsets: Float64Array } {
  const runs: Uint8Array[] = []
  const offsets = new Float64Array(count)
  const buffer = dataView.buffer as ArrayBuffer
  /** The rows of the run being gathered, its first row (whose pointer it is read through) and its address range. */
  const rows: number[] = []
  let start = 0
  let end = 0
  const close = (): void => {
    if (rows.length === 0) return
    const run = duckdb.get_data_from_pointer(buffer, dataView.byteOffset + rows[0]! * 16 + 8, end - start)
    for (const r of rows) runs[r] = run
    rows.length = 0
  }
  for (let r = 0; r < count; r++) {
    if (!valid(r)) continue
    const length = dataView.getUint32(r * 16, true)
    if (length <= 12) continue
    // user-space addresses are below 2^48: exact as a double
    const pointer = dataView.getUint32(r * 16 + 12, true) * TWO_POW_32 + dataView.getUint32(r * 16 + 8, true)
    if (rows.length > 0 && pointer >= start && pointer + length <= end) {
      // inside the run already (the same text again)
    } else if (rows.length > 0 && pointer >= end && pointer - end < MAX_GAP) {
      end = pointer + length
    } else {
      close()
      start = pointer
      end = pointer + length
    }
    rows.push(r)
    offsets[r] = pointer - start
  }
  close()
  return { runs, offsets }
}

/** Writes the CSV of chunks into byte buffers handed to the target about every 512 KiB. */
class ChunkCsv {
  rows = 0
  private buf = Buffer.allocUnsafe(FLUSH_AT + (1 << 16))
  private pos = 0
  private pendingRows = 0
  private readonly delimiter: number
  private readonly eol: string
  private readonly dayKeys = new Float64Array(DAY_SLOTS).fill(NaN)
  private readonly dayTexts: string[] = Array.from({ length: DAY_SLOTS }, () => '')

  constructor(
    delimiter: string,
    eol: string,
    private readonly target: CopyOutTarget
  ) {
    this.delimiter = delimiter.charCodeAt(0)
    this.eol = eol
  }

  async write(chunk: DuckDBDataChunk, types: readonly DuckDBType[]): Promise<void> {
    const count = chunk.rowCount
    const width = types.length
    const writers: FieldWriter[] = []
    for (let c = 0; c < width; c++) writers.push(this.fieldWriter(chunk.getColumnVector(c), types[c]!))
    const d = this.delimiter
    const crlf = this.eol === '\r\n'
    for (let r = 0; r < count; r++) {
      for (let c = 0; c < width; c++) {
        if (c > 0) {
          this.ensure(1)
          this.buf[this.pos++] = d
        }
        writers[c]!(r)
      }
      this.ensure(2)
      if (crlf) this.buf[this.pos++] = CR
      this.buf[this.pos++] = LF
    }
    this.rows += count
    this.pendingRows += count
    if (this.pos >= FLUSH_AT) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.pos === 0 && this.pendingRows === 0) return
    const out = this.buf.subarray(0, this.pos)
    const rows = this.pendingRows
    // the stream keeps the bytes it was given: the next ones go to a new buffer
    this.buf = Buffer.allocUnsafe(FLUSH_AT + (1 << 16))
    this.pos = 0
    this.pendingRows = 0
    await this.target.write(out, rows)
  }

  /** Room for `n` more bytes (grows the buffer; the rows of a chunk stay in one piece until it is flushed). */
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(bigger, 0, 0, this.pos)
    this.buf = bigger
  }

  /** The field's bytes for one column of this chunk: straight from the vector for the common types, else from its cell. */
  private fieldWriter(vector: DuckDBVector, type: DuckDBType): FieldWriter {
    const raw = internals(vector)
    if (raw) {
      const { words, offset } = raw.validity
      const valid = (r: number): boolean => words === null || ((words[(offset + r) >>> 5]! >>> ((offset + r) & 31)) & 1) === 1
      const { items, dataView } = raw
      const id = type.typeId
      if (
        (vector instanceof DuckDBIntegerVector && items instanceof Int32Array) ||
        (vector instanceof DuckDBSmallIntVector && items instanceof Int16Array) ||
        (vector instanceof DuckDBTinyIntVector && items instanceof Int8Array) ||
        (vector instanceof DuckDBUIntegerVector && items instanceof Uint32Array) ||
        (vector instanceof DuckDBUSmallIntVector && items instanceof Uint16Array) ||
        (vector instanceof DuckDBUTinyIntVector && items instanceof Uint8Array)
      ) {
        if (!INTEGER_TYPES.has(id)) return this.cellWriter(vector, type)
        const ints = items as ArrayLike<number>
        return (r) => {
          if (valid(r)) this.integer(ints[r]!)
        }
      }
      if (vector instanceof DuckDBDoubleVector && items instanceof Float64Array && type.typeId === DuckDBTypeId.DOUBLE) {
        return (r) => {
          if (!valid(r)) return
          const v = items[r]!
          // a cell number prints as String(v); NaN and ±Infinity are text cells of the same spelling
          if (Number.isSafeInteger(v)) this.integer(v)
          else this.ascii(String(v))
        }
      }
      if (vector instanceof DuckDBBooleanVector && dataView instanceof DataView && id === DuckDBTypeId.BOOLEAN) {
        return (r) => {
          if (valid(r)) this.ascii(dataView.getUint8(r) !== 0 ? 'true' : 'false')
        }
      }
      const timestamp = vector instanceof DuckDBTimestampVector && id === DuckDBTypeId.TIMESTAMP
      if (((vector instanceof DuckDBBigIntVector && id === DuckDBTypeId.BIGINT) || timestamp) && items instanceof BigInt64Array) {
        const halves = new Int32Array(items.buffer, items.byteOffset, items.length * 2)
        const slow = this.cellWriter(vector, type)
        return (r) => {
          if (!valid(r)) return
          const v = halves[2 * r + 1]! * TWO_POW_32 + (halves[2 * r]! >>> 0)
          if (!Number.isSafeInteger(v)) slow(r)
          else if (timestamp) this.ascii(safeTimestampText(v))
          else this.integer(v)
        }
      }
      if (vector instanceof DuckDBDateVector && items instanceof Int32Array && id === DuckDBTypeId.DATE) {
        const slow = this.cellWriter(vector, type)
        return (r) => {
          if (!valid(r)) return
          const days = items[r]!
          // a column of dates mostly repeats a few days: their text is kept by day
          const slot = days & (DAY_SLOTS - 1)
          if (this.dayKeys[slot] === days) return this.ascii(this.dayTexts[slot]!)
          const text = dateText(days)
          if (text === null) return slow(r)
          this.dayKeys[slot] = days
          this.dayTexts[slot] = text
          this.ascii(text)
        }
      }
      if ((vector instanceof DuckDBDecimal16Vector || vector instanceof DuckDBDecimal32Vector || vector instanceof DuckDBDecimal64Vector || vector instanceof DuckDBDecimal128Vector) && dataView instanceof DataView && id === DuckDBTypeId.DECIMAL) {
        const scale = (type as DuckDBDecimalType).scale
        const unit = 10 ** scale
        const slow = this.cellWriter(vector, type)
        const read: (r: number) => number =
          vector instanceof DuckDBDecimal16Vector
            ? (r) => dataView.getInt16(r * 2, true)
            : vector instanceof DuckDBDecimal32Vector
              ? (r) => dataView.getInt32(r * 4, true)
              : vector instanceof DuckDBDecimal64Vector
                ? (r) => dataView.getInt32(r * 8 + 4, true) * TWO_POW_32 + dataView.getUint32(r * 8, true)
                : (r) => {
                    // 128 bits, low half first: a value that fits the low 64 bits has a high half of only sign bits
                    const high = dataView.getInt32(r * 16 + 4, true)
                    const top = dataView.getInt32(r * 16 + 8, true)
                    if (top !== dataView.getInt32(r * 16 + 12, true) || top !== (high < 0 ? -1 : 0)) return NaN
                    return high * TWO_POW_32 + dataView.getUint32(r * 16, true)
                  }
        return (r) => {
          if (!valid(r)) return
          const v = read(r)
          if (!Number.isSafeInteger(v)) return slow(r)
          if (scale === 0) return this.integer(v)
          this.decimal(v, scale, unit)
        }
      }
      if (vector instanceof DuckDBVarCharVector && dataView instanceof DataView && type.typeId === DuckDBTypeId.VARCHAR) {
        const bytes = new Uint8Array(dataView.buffer, dataView.byteOffset, dataView.byteLength)
        const long = longTexts(dataView, vector.itemCount, valid)
        return (r) => {
          if (!valid(r)) return
          const at = r * 16
          const length = dataView.getUint32(at, true)
          // the text's bytes as they are when all ASCII (what decoding and encoding again would give): short text sits in
          // the vector itself, longer text in the runs copied out of DuckDB's memory (longTexts)
          if (length <= 12 ? this.asciiBytes(bytes, at + 4, length) : this.asciiBytes(long.runs[r]!, long.offsets[r]!, length)) return
          this.text(vector.getItem(r) ?? '')
        }
      }
    }
    return this.cellWriter(vector, type)
  }

  /** Through the cell the driver makes (cellConverter), written as the generic writer writes a cell. */
  private cellWriter(vector: DuckDBVector, type: DuckDBType): FieldWriter {
    const convert = cellConverter(type)
    return (r) => this.cell(convert(vector.getItem(r)))
  }

  private cell(v: Cell): void {
    if (v === null || v === undefined) return
    if (typeof v === 'string') this.text(v)
    else if (typeof v === 'number') this.ascii(String(v))
    else if (typeof v === 'boolean') this.ascii(v ? 'true' : 'false')
    else this.text(String(v))
  }

  /** A safe integer's digits. */
  private integer(v: number): void {
    this.ensure(24)
    const buf = this.buf
    if (v < 0) {
      buf[this.pos++] = 45
      v = -v
    }
    if (v < 10) {
      buf[this.pos++] = 48 + v
      return
    }
    let digits = 1
    for (let p = 10; p <= v; p *= 10) digits++
    let at = this.pos + digits
    this.pos = at
    while (v >= 10) {
      const q = Math.floor(v / 10)
      buf[--at] = 48 + (v - q * 10)
      v = q
    }
    buf[--at] = 48 + v
  }

  /** A scaled decimal as decimalText prints it: the sign, the whole part, every fractional digit of the scale. */
  private decimal(v: number, scale: number, unit: number): void {
    if (v < 0) {
      this.ensure(1)
      this.buf[this.pos++] = 45
      v = -v
    }
    // exact: v is a safe integer and unit a power of ten a double holds exactly
    let fraction = v % unit
    this.integer((v - fraction) / unit)
    this.ensure(scale + 1)
    const buf = this.buf
    buf[this.pos] = 46
    let at = this.pos + scale
    this.pos = at + 1
    for (let i = 0; i < scale; i++) {
      const q = Math.floor(fraction / 10)
      buf[at--] = 48 + (fraction - q * 10)
      fraction = q
    }
  }

  /** Text known to need no quotes and to be ASCII (numbers, dates, booleans). */
  private ascii(s: string): void {
    this.ensure(s.length)
    const buf = this.buf
    let pos = this.pos
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i)
    this.pos = pos
  }

  /** Short text from the vector: its bytes when all are ASCII (quoted as delimitedField does); false otherwise. */
  private asciiBytes(bytes: Uint8Array, from: number, length: number): boolean {
    const d = this.delimiter
    let quote = false
    for (let i = from; i < from + length; i++) {
      const b = bytes[i]!
      if (b >= 0x80) return false
      if (b === d || b === QUOTE || b === CR || b === LF) quote = true
    }
    this.ensure(length * 2 + 2)
    const buf = this.buf
    let pos = this.pos
    if (quote) buf[pos++] = QUOTE
    for (let i = from; i < from + length; i++) {
      const b = bytes[i]!
      buf[pos++] = b
      if (b === QUOTE) buf[pos++] = QUOTE
    }
    if (quote) buf[pos++] = QUOTE
    this.pos = pos
    return true
  }

  /** A text cell as delimitedField writes it, in UTF-8. */
  private text(s: string): void {
    const d = this.delimiter
    let ascii = true
    let quote = false
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0x80) ascii = false
      else if (c === d || c === QUOTE || c === CR || c === LF) quote = true
    }
    if (quote) s = `"${s.replaceAll('"', '""')}"`
    if (!ascii) {
      this.ensure(s.length * 3)
      this.pos += this.buf.write(s, this.pos, 'utf8')
      return
    }
    this.ascii(s)
  }
}
