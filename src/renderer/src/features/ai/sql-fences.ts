import { parseMarkdown, type Token } from './markdown'

const SQL_LABELS = new Set(['sql', 'postgres', 'postgresql', 'pgsql', 'plpgsql', 'mysql', 'mariadb', 'tsql', 't-sql', 'mssql', 'sqlserver', 'sqlite', 'duckdb', 'plsql'])

/** How SQL starts, for code blocks the model did not label: a statement keyword after any leading comments. */
const STATEMENT_START =
  /^(select|with|insert|update|delete|merge|upsert|replace|create|alter|drop|truncate|rename|comment|grant|revoke|explain|describe|desc|show|set|reset|begin|start|commit|rollback|savepoint|release|values|table|call|exec|execute|do|vacuum|analyze|analyse|pragma|attach|detach|copy|lock|refresh|reindex|cluster|use)\b/i

const LEADING_COMMENTS = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/

export function isSqlCode(info: string, code: string): boolean {
  const label = info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  if (label) return SQL_LABELS.has(label)
  return STATEMENT_START.test(code.replace(LEADING_COMMENTS, ''))
}

/** A fenced or indented code block's language label and text (without the newline before the closing fence). */
export function codeOf(token: Token): { info: string; code: string } {
  return { info: token.type === 'fence' ? token.info : '', code: token.content.replace(/\n$/, '') }
}

export const isCodeToken = (token: Token): boolean => token.type === 'fence' || token.type === 'code_block'

/** The SQL blocks of an answer, in order. */
export function sqlBlocksOf(text: string): string[] {
  return [...sqlBlockTexts(parseMarkdown(text), undefined).values()]
}

const MASKED_VALUE = /'\?\d+'/

/** Values the prompt hid from the model come back as '?1', '?2'…; only the main process knows the real ones. */
export const hasMaskedValues = (sql: string): boolean => MASKED_VALUE.test(sql)

/**
 * Whether `sql` (the SQL the main process extracted and unmasked) is this block of the answer: equal, or equal
 * once each '?N' of the block stands for any quoted value.
 */
export function isSameSql(block: string, sql: string): boolean {
  const a = block.trim()
  const b = sql.trim()
  if (a === b) return true
  if (!hasMaskedValues(a)) return false
  const pattern = a
    .split(/'\?\d+'/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join("'(?:[^']|'')*'")
  return new RegExp(`^${pattern}$`).test(b)
}

/**
 * The SQL blocks of a parsed answer and the text each one shows: its own, except the block the main process
 * extracted (`extracted`), which shows the main process's text (with the values hidden from the model put back).
 */
export function sqlBlockTexts(tokens: Token[], extracted: string | undefined): Map<Token, string> {
  const blocks = new Map<Token, string>()
  let replaced = false
  for (const token of tokens.filter(isCodeToken)) {
    const { info, code } = codeOf(token)
    if (!code.trim() || !isSqlCode(info, code)) continue
    if (!replaced && extracted !== undefined && isSameSql(code, extracted)) {
      replaced = true
      blocks.set(token, extracted)
    } else blocks.set(token, code)
  }
  return blocks
}
