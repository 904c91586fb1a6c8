/**
 * A small SQL tokenizer for editor-side analysis (completion, hover) and for reading catalog DDL text.
 * It keeps offsets so callers can slice the source; it does not validate SQL.
 */

export interface SqlToken {
  /** word: bare identifier or keyword; ident: quoted identifier; string: literal; number; punct: one character. */
  kind: 'word' | 'ident' | 'string' | 'number' | 'punct'
  text: string
  /** Unquoted value for words and quoted identifiers, the raw text otherwise. */
  value: string
  start: number
  end: number
  /** A quoted identifier or string that runs to the end of the input without its closing quote. */
  open?: boolean
}

const WORD_START = /[A-Za-z_\u0080-\uffff@#]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff@#]/

/** How an engine's text is lexed (each engine's facts.lexical); unset switches keep the defaults noted. */
export interface TokenizeOptions {
  /** `[name]` is an identifier (SQL Server, SQLite); otherwise `[` is punctuation (PostgreSQL arrays). Default on. */
  bracketIdentifiers?: boolean
  /** `# comment` to end of line (MySQL). Default off: `#` starts a word (SQL Server's #temp tables). */
  hashComments?: boolean
  /** `\'` escapes inside strings (MySQL). Default off. */
  backslashEscapes?: boolean
  /** "…" is a string literal, not an identifier (MySQL). Default off. */
  doubleQuotedStrings?: boolean
  /** $$…$$ strings (PostgreSQL, DuckDB). Default on. */
  dollarQuotes?: boolean
  /** `/*! … *\/` and `/*M! … *\/` are code the server runs (MySQL/MariaDB): their content is tokenized. Default off. */
  executableComments?: boolean
}

const EXECUTABLE_COMMENT = /^\/\*M?!\d*/

export function tokenizeSql(sql: string, options: TokenizeOptions = {}): SqlToken[] {
  const brackets = options.bracketIdentifiers ?? true
  const dollars = options.dollarQuotes ?? true
  const tokens: SqlToken[] = []
  const n = sql.length
  let i = 0
  while (i < n) {
    const ch = sql[i]!
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      i = nl < 0 ? n : nl + 1
    } else if (ch === '#' && options.hashComments) {
      const nl = sql.indexOf('\n', i)
      i = nl < 0 ? n : nl + 1
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2)
      const marker = options.executableComments ? EXECUTABLE_COMMENT.exec(sql.slice(i, i + 12)) : null
      if (marker) {
        const bodyStart = i + marker[0].length
        const body = sql.slice(bodyStart, close < 0 ? n : close)
        for (const t of tokenizeSql(body, options)) tokens.push({ ...t, start: t.start + bodyStart, end: t.end + bodyStart })
      }
      i = close < 0 ? n : close + 2
    } else if (dollars && ch === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 64))) {
      // PostgreSQL dollar quoting: $$ ... $$ or $tag$ ... $tag$
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64))![0]
      const close = sql.indexOf(tag, i + tag.length)
      const end = close < 0 ? n : close + tag.length
      tokens.push({ kind: 'string', text: sql.slice(i, end), value: sql.slice(i + tag.length, close < 0 ? n : close), start: i, end, open: close < 0 })
      i = end
    } else if (ch === "'" || ch === '"' || ch === '`' || (ch === '[' && brackets)) {
      const closeCh = ch === '[' ? ']' : ch
      const isString = ch === "'" || (ch === '"' && options.doubleQuotedStrings === true)
      let j = i + 1
      let value = ''
      let closed = false
      while (j < n) {
        const c = sql[j]!
        if (c === '\\' && isString && options.backslashEscapes && j + 1 < n) {
          value += sql[j + 1]
          j += 2
          continue
        }
        if (c === closeCh) {
          if (sql[j + 1] === closeCh) {
            value += closeCh
            j += 2
            continue
          }
          closed = true
          break
        }
        value += c
        j++
      }
      const end = closed ? j + 1 : n
      tokens.push({ kind: isString ? 'string' : 'ident', text: sql.slice(i, end), value, start: i, end, ...(closed ? {} : { open: true }) })
      i = end
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1
      while (j < n && /[0-9.eE]/.test(sql[j]!)) j++
      tokens.push({ kind: 'number', text: sql.slice(i, j), value: sql.slice(i, j), start: i, end: j })
      i = j
    } else if (WORD_START.test(ch)) {
      let j = i + 1
      while (j < n && WORD_PART.test(sql[j]!)) j++
      const text = sql.slice(i, j)
      tokens.push({ kind: 'word', text, value: text, start: i, end: j })
      i = j
    } else {
      tokens.push({ kind: 'punct', text: ch, value: ch, start: i, end: i + 1 })
      i++
    }
  }
  return tokens
}

export const isKeyword = (t: SqlToken | undefined, ...words: string[]): boolean => !!t && t.kind === 'word' && words.includes(t.value.toUpperCase())

/** Index of the `)` matching the `(` at `open`, or the last token when unbalanced. */
export function matchParen(tokens: SqlToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++
    else if (tokens[i]!.text === ')' && --depth === 0) return i
  }
  return tokens.length - 1
}

/** Splits tokens[from..to) at top-level commas. */
export function splitTopLevel(tokens: SqlToken[], from: number, to: number): SqlToken[][] {
  const parts: SqlToken[][] = []
  let current: SqlToken[] = []
  let depth = 0
  for (let i = from; i < to; i++) {
    const t = tokens[i]!
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    if (t.text === ',' && depth === 0) {
      parts.push(current)
      current = []
    } else current.push(t)
  }
  if (current.length) parts.push(current)
  return parts
}
