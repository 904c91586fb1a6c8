import { closeSync, createReadStream, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { CsvParser } from './csv-parser'
import { decoderLabel, detectDelimiter, detectEncoding, type TextEncoding } from './detect'

const SNIFF_BYTES = 65536

/** The first bytes of a file (detection samples). */
export function readHead(path: string, bytes = SNIFF_BYTES): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

/** Node's StringDecoder (faster than TextDecoder on large chunks); UTF-16BE through TextDecoder. */
function textDecoder(encoding: TextEncoding): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-16be') {
    const d = new TextDecoder('utf-16be', { ignoreBOM: true })
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() }
  }
  const d = new StringDecoder(encoding === 'utf-16le' ? 'utf16le' : encoding === 'latin1' ? 'latin1' : 'utf8')
  return { write: (b) => d.write(b), end: () => d.end() }
}

export interface DelimitedOptions {
  delimiter?: string
  encoding?: TextEncoding
  /** TSV files default to a tab when no delimiter is given. */
  tsv: boolean
}

/** Encoding and delimiter: what was asked, else detected from the file's first 64 KiB. */
export function delimitedSettings(path: string, options: DelimitedOptions): { encoding: TextEncoding; delimiter: string } {
  const head = readHead(path)
  const encoding = options.encoding ?? detectEncoding(head)
  const delimiter = options.delimiter ?? (options.tsv ? '\t' : detectDelimiter(new TextDecoder(decoderLabel(encoding)).decode(head)))
  return { encoding, delimiter }
}

/** The file's records as arrays of strings (quotes, doubled quotes and line breaks in quotes as RFC 4180 says), in batches. */
export function delimitedRows(path: string, encoding: TextEncoding, delimiter: string): { rows: AsyncIterable<string[][]>; destroy(): void } {
  const file = createReadStream(path, { highWaterMark: 1 << 20 })
  async function* rows(): AsyncGenerator<string[][]> {
    const text = textDecoder(encoding)
    const parser = new CsvParser(delimiter)
    let first = true
    for await (const chunk of file as AsyncIterable<Buffer>) {
      let s = text.write(chunk)
      // Node's decoders keep a BOM: the file's first character goes when it is one
      if (first && s.length) {
        first = false
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
      }
      const records = parser.push(s)
      if (records.length) yield records
    }
    const last = [...parser.push(text.end()), ...parser.end()]
    if (last.length) yield last
  }
  return { rows: rows(), destroy: () => file.destroy() }
}
