import type { AiSqlClass } from '../../../../shared/contract/ai'

const WRITE = new Set(['insert', 'update', 'delete', 'replace', 'merge', 'upsert', 'call', 'exec', 'execute', 'lock', 'copy', 'load', 'set', 'grant', 'revoke'])
const DDL = new Set(['create', 'alter', 'drop', 'truncate', 'rename', 'comment', 'vacuum', 'analyze', 'reindex', 'cluster'])
const READ = new Set(['select', 'with', 'show', 'explain', 'describe', 'desc', 'values', 'table', 'pragma'])

/** Classifies one parsed statement type (node-sql-parser `ast.type`). */
export function classifyType(type: string): AiSqlClass {
  const t = type.toLowerCase()
  if (DDL.has(t)) return 'ddl'
  if (WRITE.has(t)) return 'write'
  if (READ.has(t)) return 'read'
  return 'unknown'
}

/** The most dangerous class wins: ddl > write > unknown > read. */
export function combineClasses(classes: AiSqlClass[]): AiSqlClass {
  for (const c of ['ddl', 'write', 'unknown'] as const) if (classes.includes(c)) return c
  return classes.length ? 'read' : 'unknown'
}

/**
 * Fallback when the parser cannot read the SQL: look at each statement's first keyword, and treat any
 * data-changing keyword anywhere (e.g. a CTE wrapping a DELETE) as a write. Unknown counts as unsafe.
 */
export function classifyByKeywords(sql: string): AiSqlClass {
  const stripped = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]/g, ' ')
  const classes: AiSqlClass[] = []
  for (const stmt of stripped.split(';')) {
    const words = stmt.trim().toLowerCase().match(/[a-z_]+/g)
    if (!words) continue
    let c = classifyType(words[0])
    if (c === 'read' && words.some((w) => w === 'insert' || w === 'update' || w === 'delete' || w === 'merge')) c = 'write'
    if (c === 'read' && words.includes('into') && words[0] === 'select') c = 'write' // SELECT ... INTO creates a table
    classes.push(c)
  }
  return combineClasses(classes)
}
