/**
 * An RFC 4180 parser for text that arrives in chunks: fields split by one delimiter character, records by LF, CRLF or
 * CR; a field that starts with `"` is quoted (delimiters and line breaks inside, `""` for a quote); a quote inside an
 * unquoted field, or text after a closing quote, is kept as it is (lenient, like csv-parse's relax_quotes). Blank
 * lines are skipped. Several times faster than csv-parse, which parses a character at a time through a state object.
 */
export class CsvParser {
  private tail = ''
  private readonly d: number

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0)
  }

  /** The records complete in what arrived so far; an unfinished last record waits for the next chunk. */
  push(text: string): string[][] {
    return this.parse(this.tail + text, false)
  }

  /** The last records (the final record needs no line break). */
  end(): string[][] {
    const out = this.parse(this.tail, true)
    this.tail = ''
    return out
  }

  private parse(s: string, final: boolean): string[][] {
    const out: string[][] = []
    const d = this.d
    const n = s.length
    let pos = 0
    outer: while (pos < n) {
      const start = pos
      const fields: string[] = []
      for (;;) {
        let value: string
        if (s.charCodeAt(pos) === 34) {
          // quoted: up to the closing quote, "" being one quote
          let at = pos + 1
          let parts = ''
          for (;;) {
            const q = s.indexOf('"', at)
            if (q === -1 || (q === n - 1 && !final)) {
              if (!final) break outer
              parts += s.slice(at)
              pos = n
              break
            }
            if (s.charCodeAt(q + 1) === 34) {
              parts += s.slice(at, q + 1)
              at = q + 2
              continue
            }
            parts += s.slice(at, q)
            pos = q + 1
            break
          }
          // anything between the closing quote and the delimiter or line end is kept
          let e = pos
          while (e < n) {
            const c = s.charCodeAt(e)
            if (c === d || c === 10 || c === 13) break
            e++
          }
          if (e > pos) parts += s.slice(pos, e)
          pos = e
          value = parts
        } else {
          let e = pos
          while (e < n) {
            const c = s.charCodeAt(e)
            if (c === d || c === 10 || c === 13) break
            e++
          }
          value = s.slice(pos, e)
          pos = e
        }
        fields.push(value)
        if (pos >= n) {
          if (!final) {
            pos = start
            break outer
          }
          break
        }
        const c = s.charCodeAt(pos)
        if (c === d) {
          pos++
          if (pos >= n && !final) {
            pos = start
            break outer
          }
          continue
        }
        // line end: CRLF, LF or CR (a CR at the very end of a chunk may be the first half of a CRLF)
        if (c === 13) {
          if (pos + 1 >= n && !final) {
            pos = start
            break outer
          }
          pos += s.charCodeAt(pos + 1) === 10 ? 2 : 1
        } else pos++
        break
      }
      if (!(fields.length === 1 && fields[0] === '' && s.charCodeAt(start) !== 34)) out.push(fields)
    }
    this.tail = pos < n ? s.slice(pos) : ''
    return out
  }
}
