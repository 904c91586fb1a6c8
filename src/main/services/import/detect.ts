import type { ImportFormat } from '../../../shared/contract/import'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1'

/** The format from the file's extension (CSV when unknown). */
export function formatOf(name: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (ext === 'tsv' || ext === 'tab') return 'tsv'
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'json') return 'json'
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl'
  return 'csv'
}

/** The text encoding from a BOM, else UTF-8 when the first bytes decode as UTF-8, else latin1. */
export function detectEncoding(head: Buffer, whole = head.length < 65536): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  // a multi-byte character cut at the end of the sample is not an error
  let end = head.length
  while (end > 0 && end > head.length - 4 && (head[end - 1]! & 0xc0) === 0x80) end--
  if (end > 0 && head[end - 1]! >= 0xc0) end--
  if (whole) end = head.length
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end))
    return 'utf-8'
  } catch {
    return 'latin1'
  }
}

/** Node's name of a text encoding for TextDecoder. */
export const decoderLabel = (e: TextEncoding): string => e

const CANDIDATES = [',', ';', '\t', '|']

/**
 * The delimiter of delimited text: the candidate that splits the first lines (outside quotes) into the same number
 * of fields most consistently, preferring more fields; a comma when nothing splits.
 */
export function detectDelimiter(text: string): string {
  const lines = splitLines(text).slice(0, 30)
  if (lines.length > 1 && text.length >= 65536) lines.pop() // the last line may be cut short
  let best = ','
  let bestScore = 0
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    if (!counts.length || counts[0] === 0) continue
    const same = counts.filter((c) => c === counts[0]).length / counts.length
    const score = same * 1000 + counts[0]!
    if (score > bestScore) {
      bestScore = score
      best = d
    }
  }
  return best
}

/** Lines of the text, a line break inside quotes not ending one. */
function splitLines(text: string): string[] {
  const lines: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) lines.push(text.slice(start, i))
      start = i + 1
    }
  }
  if (start < text.length) lines.push(text.slice(start))
  return lines
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0
  let quoted = false
  for (const c of line) {
    if (c === '"') quoted = !quoted
    else if (!quoted && c === d) n++
  }
  return n
}
