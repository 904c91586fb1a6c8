import type { Dialect } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'

/** The statement text with comments and string literals blanked, so keywords inside them never count. */
export function codeOnly(sql: string, dialect: Dialect, keepStrings = false): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const c = sql[i]
    const two = sql.slice(i, i + 2)
    if (two === '--' || (c === '#' && dialect === 'mysql')) {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end
      out += ' '
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
      out += ' '
    } else if (c === "'" || (c === '"' && dialect === 'mysql')) {
      let j = i + 1
      while (j < sql.length) {
        if (sql[j] === '\\' && dialect === 'mysql') j += 2
        else if (sql[j] === c && sql[j + 1] === c) j += 2
        else if (sql[j] === c) break
        else j++
      }
      out += keepStrings ? sql.slice(i, j + 1) : " '' "
      i = j + 1
    } else if (c === '$' && dialect === 'postgres' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0]
      const end = sql.indexOf(tag, i + tag.length)
      // dollar-quoted bodies (DO blocks, functions) are code: keep them
      out += ` ${sql.slice(i + tag.length, end < 0 ? sql.length : end)} `
      i = end < 0 ? sql.length : end + tag.length
    } else {
      out += c
      i++
    }
  }
  return out
}

const READ_WRITE_SWITCH = [
  /\bread\s+write\b/i,
  /\b(default_)?transaction_read_only\b/i,
  /\btx_read_only\b/i,
  /\bsession\s+characteristics\b/i,
  // not transactional, so read-only transactions do not stop them
  /\balter\s+system\b/i,
  /\bdblink_exec\b/i
]

/**
 * Belt and braces for engines that enforce read-only in the session: refuses statements that try to turn the
 * session (or transaction) back to read-write, since those settings are user-changeable. See docs/read-only.md.
 */
/**
 * Statements that could change the setting out of sight (dynamic SQL) and then commit within the same call
 * (procedures, DO blocks with transaction control): refused in read-only mode.
 */
const HIDDEN_SWITCH: Partial<Record<Dialect, RegExp[]>> = {
  postgres: [/^\s*do\b[\s\S]*\b(commit|rollback)\b/i, /^\s*call\b/i],
  mysql: [/^\s*(prepare|execute|call)\b/i]
}

export function assertNoReadWriteSwitch(sql: string, dialect: Dialect): void {
  const code = codeOnly(sql, dialect)
  if (HIDDEN_SWITCH[dialect]?.some((re) => re.test(code))) {
    const first = /^\s*(\w+)/.exec(code)?.[1]?.toUpperCase() ?? ''
    throw new AppError('READ_ONLY', `This connection is read-only: ${first} is not allowed, since it could switch the session to read-write out of sight.`)
  }
  // setting names count inside strings too: set_config('default_transaction_read_only', ...)
  const withStrings = codeOnly(sql, dialect, true)
  if (READ_WRITE_SWITCH.some((re) => re.test(withStrings))) {
    throw new AppError('READ_ONLY', 'This connection is read-only: switching the session to read-write is not allowed.')
  }
}

const SQLSERVER_READ_STARTS = /^\s*(select|with|declare|print|set\s+(nocount|statistics|showplan_\w+|ansi_\w+|arithabort|quoted_identifier|rowcount|language|dateformat|datefirst|lock_timeout|deadlock_priority|concat_null_yields_null|numeric_roundabort|xact_abort|implicit_transactions|fmtonly|noexec|parseonly|forceplan|textsize|transaction\s+isolation\s+level)\b|use\s|if\s|begin\s*$|end\s*$|waitfor\s+delay)/i

const SQLSERVER_WRITE_WORDS =
  /\b(insert|update|delete|merge|create|alter|drop|truncate|exec|execute|grant|revoke|deny|bulk|into|backup|restore|dbcc|kill|shutdown|reconfigure|commit|rollback|save|writetext|updatetext|openrowset|opendatasource|openquery|sp_\w+|xp_\w+|enable|disable|checkpoint|setuser|readtext)\b/i

/**
 * SQL Server cannot make a session read-only, so the driver classifies each statement: it must start like a read
 * and contain no write keyword (outside comments and strings). Conservative by design: it may refuse a harmless
 * statement, and it says which word it refused on.
 */
export function assertSqlServerReadOnly(sql: string): void {
  const code = codeOnly(sql, 'mssql').replace(/\[[^\]]*\]/g, '[]')
  const word = SQLSERVER_WRITE_WORDS.exec(code)
  if (word) throw new AppError('READ_ONLY', `This connection is read-only: "${word[1].toUpperCase()}" is not allowed (SQL Server cannot enforce read-only itself, so writes are refused by statement).`)
  if (code.trim() && !SQLSERVER_READ_STARTS.test(code)) {
    const first = /^\s*(\w+)/.exec(code)?.[1] ?? ''
    throw new AppError('READ_ONLY', `This connection is read-only: statements starting with "${first.toUpperCase()}" are not allowed.`)
  }
}
