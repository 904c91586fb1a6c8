import { mysqlFacts } from '../../../../shared/engines/mysql'
import { type SqlToken, type TokenizeOptions, tokenizeSql } from '../../../../shared/sql-tokens'

const EXECUTABLE_COMMENT = /^\/\*M?!\d*/

/**
 * Every way the server may read this text. sql_mode decides whether `\` escapes (NO_BACKSLASH_ESCAPES), whether
 * "…" is a string or a name (ANSI_QUOTES) and whether […] is a name (MSSQL); one statement can switch them for the
 * next, and a multi-byte client charset can swallow a backslash. The rules classify each reading; they must agree.
 */
export function serverReadings(text: string): SqlToken[][] {
  // the server's lexer takes form feed, vertical tab and the other ASCII control characters for spaces
  const source = text.replace(/\p{Cc}/gu, (c) => (c < ' ' && !'\t\n\r'.includes(c) ? ' ' : c))
  const base: TokenizeOptions = mysqlFacts.lexical
  const both = (present: boolean, usual: boolean | undefined): boolean[] => (present ? [usual ?? false, !usual] : [usual ?? false])
  const readings: SqlToken[][] = []
  for (const backslashEscapes of both(source.includes('\\'), base.backslashEscapes))
    for (const doubleQuotedStrings of both(source.includes('"'), base.doubleQuotedStrings))
      for (const bracketIdentifiers of both(source.includes('['), base.bracketIdentifiers))
        readings.push(tokensAsServerReads(source, { ...base, backslashEscapes, doubleQuotedStrings, bracketIdentifiers }))
  return readings
}

/** `--` opens a comment only before a space or control character; `1--wipe()` is `1 - -wipe()` to the server. */
function tokensAsServerReads(source: string, options: TokenizeOptions): SqlToken[] {
  let text = source
  for (;;) {
    const tokens = tokenizeSql(text, options)
    const at = dashesTheServerRuns(text, tokens)
    if (at < 0) return tokens
    text = `${text.slice(0, at + 1)} ${text.slice(at + 1)}`
  }
}

/** Offset of a `--` the tokenizer skipped as a comment but the server reads as two minus signs, or -1. */
function dashesTheServerRuns(text: string, tokens: SqlToken[]): number {
  let from = 0
  for (const token of [...tokens, { start: text.length, end: text.length }]) {
    const hit = scanGap(text, from, token.start)
    if (hit >= 0) return hit
    from = token.end
  }
  return -1
}

/** Walks text between two tokens (spaces, comments, executable-comment markers) as the server would. */
function scanGap(text: string, from: number, to: number): number {
  let i = from
  while (i < to) {
    const marker = text.startsWith('/*', i) ? EXECUTABLE_COMMENT.exec(text.slice(i, i + 12)) : null
    if (marker) {
      // an executable comment's body is code: keep scanning inside it
      i += marker[0].length
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2)
      if (close < 0 || close + 2 > to) return -1
      i = close + 2
    } else if (text[i] === '#' || (text.startsWith('--', i) && (i + 2 >= text.length || text[i + 2]! <= ' '))) {
      const nl = text.indexOf('\n', i)
      if (nl < 0 || nl >= to) return -1
      i = nl + 1
    } else if (text.startsWith('--', i)) {
      return i
    } else i++
  }
  return -1
}
