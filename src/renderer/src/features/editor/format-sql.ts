import { splitQuery } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import { format, type SqlLanguage } from 'sql-formatter'
import type { EngineFacts } from '../../../../shared/engines'

const OPTIONS = { keywordCase: 'upper', dataTypeCase: 'upper', tabWidth: 2 } as const

/** A `DELIMITER x` line (MySQL client command): sql-formatter does not know it and would mangle `//`. */
const DELIMITER_LINE = /^[ \t]*DELIMITER[ \t]+\S/im

/**
 * `sql` formatted for the engine (`facts` absent: generic SQL), comments kept, keywords upper case; the text's
 * leading and trailing whitespace stay as they were. Throws when the formatter cannot read the SQL.
 */
export function formatSql(sql: string, facts: EngineFacts | undefined, serverVersion?: string): string {
  const lead = /^\s*/.exec(sql)![0]
  const body = sql.slice(lead.length).trimEnd()
  if (!body) return sql
  const trail = sql.slice(lead.length + body.length)
  const language: SqlLanguage = facts?.formatterLanguage(serverVersion) ?? 'sql'
  const formatted = facts?.supportsDelimiterCommand && DELIMITER_LINE.test(body) ? formatPieces(body, facts, language) : format(body, { language, ...OPTIONS })
  return lead + formatted + trail
}

/**
 * A script with DELIMITER commands: each statement formatted on its own, the delimiters and DELIMITER lines between
 * them kept as written (statements that shared a line now start on their own).
 */
function formatPieces(sql: string, facts: EngineFacts, language: SqlLanguage): string {
  const items = splitQuery(sql, { ...facts.splitter, returnRichInfo: true }) as SplitResultItemRich[]
  let out = ''
  let at = 0
  for (const item of items) {
    const start = (item.trimStart ?? item.start).position
    if (at > 0) {
      const gap = sql.slice(at, start).replace(/[ \t]+$/, '')
      out += gap.endsWith('\n') ? gap : `${gap}\n\n`
    } else out += sql.slice(0, start)
    out += format(item.text, { language, ...OPTIONS })
    at = start + item.text.length
  }
  return out + sql.slice(at)
}

/** formatSql without throwing: the formatted text, or the formatter's complaint in one short line. */
export function tryFormatSql(sql: string, facts: EngineFacts | undefined, serverVersion?: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: formatSql(sql, facts, serverVersion) }
  } catch (error) {
    return { ok: false, message: formatErrorMessage(error) }
  }
}

/** The formatter's error in one short line ("Parse error: Unexpected "'abc" at line 1 column 8."). */
function formatErrorMessage(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim()
  return first.length > 140 ? `${first.slice(0, 139)}…` : first
}
