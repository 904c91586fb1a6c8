const MASK = '••••••'

/** Words that put a secret into a statement: passwords of users and roles, DuckDB secrets, keys of foreign servers. */
const SECRET_CLAUSE = /\b(password|passwd|identified|secret|passphrase|key_id|secret_access_key|pwd)\b/i
/** A double-quoted or backquoted token after one of these is a value (MySQL `IDENTIFIED BY "pw"`), not a name. */
const VALUE_BEFORE = /(\bby|\bpassword|\bsecret|=|\(|,)\s*$/i

export interface RedactedStatement {
  text: string
  /** The literal values that were masked (an error message echoing one is masked too). */
  masked: string[]
}

/**
 * Masks the secrets a statement itself carries: in a statement with a password or secret clause (CREATE/ALTER USER or
 * ROLE, SET PASSWORD, IDENTIFIED BY, CREATE LOGIN, CREATE SECRET, USER MAPPING OPTIONS…) every quoted string literal
 * and dollar-quoted body is masked, as are quoted values and hex strings right after PASSWORD/BY/=. Masking every
 * literal of such a statement is deliberate: no engine's syntax variant can slip a password past a list of forms.
 */
export function redactStatementSecrets(sql: string): RedactedStatement {
  if (!SECRET_CLAUSE.test(sql)) return { text: sql, masked: [] }
  const masked: string[] = []
  let out = ''
  let i = 0
  while (i < sql.length) {
    const c = sql[i]!
    const end = literalEnd(sql, i, out)
    if (end > i) {
      const literal = sql.slice(i, end)
      // MySQL account names ('bob'@'localhost') are quoted literals too: they stay readable
      if (/^['"`]/.test(literal) && (/@\s*$/.test(out) || /^\s*@/.test(sql.slice(end)))) out += literal
      else {
        masked.push(literal)
        out += MASK
      }
      i = end
      continue
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      const stop = nl < 0 ? sql.length : nl
      out += sql.slice(i, stop)
      i = stop
      continue
    }
    out += c
    i++
  }
  out = out.replace(/(\bpassword\s*=?\s*)0x[0-9a-f]+/gi, `$1${MASK}`)
  return { text: out, masked: masked.map(unquote).filter((m) => m.length >= 3) }
}

/** Where the literal starting at `i` ends, or `i` when none starts there. `before` is the text so far (redacted). */
function literalEnd(sql: string, i: number, before: string): number {
  const c = sql[i]!
  if (c === "'" || ((c === 'E' || c === 'e' || c === 'N' || c === 'n') && sql[i + 1] === "'" && !/\w$/.test(before))) {
    return quotedEnd(sql, c === "'" ? i : i + 1, "'")
  }
  if ((c === '"' || c === '`') && VALUE_BEFORE.test(before)) return quotedEnd(sql, i, c)
  if (c === '$') {
    const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0]
    if (tag && !/\w$/.test(before)) {
      const close = sql.indexOf(tag, i + tag.length)
      return close < 0 ? sql.length : close + tag.length
    }
  }
  return i
}

/** The end of a quoted run starting at `i` (doubled quotes and backslash escapes stay inside; unterminated: the end). */
function quotedEnd(sql: string, i: number, quote: string): number {
  let j = i + 1
  while (j < sql.length) {
    const ch = sql[j]
    if (ch === '\\') j += 2
    else if (ch === quote) {
      if (sql[j + 1] === quote) j += 2
      else return j + 1
    } else j++
  }
  return sql.length
}

function unquote(literal: string): string {
  const dollar = /^\$[A-Za-z_]*\$/.exec(literal)?.[0]
  if (dollar) return literal.slice(dollar.length, literal.endsWith(dollar) ? -dollar.length : undefined)
  const body = literal.replace(/^[EeNn]?['"`]/, '')
  return body.replace(/['"`]$/, '')
}

/** `text` with every one of `values` masked (an error message that quotes a masked literal). */
export function maskValues(text: string, values: readonly string[]): string {
  let out = text
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join(MASK)
  return out
}
