import { sqlParser } from '../../sql-parser'
import type { AiSqlCheck } from '../../../../shared/contract/ai'
import type { SchemaModel } from '../../../../shared/schema-model'
import { factsOf } from '../../../../shared/engines'
import type { StatementKind } from '../../../../shared/statement-kinds'


/**
 * Parses generated SQL for the connection's dialect and checks that every table and column it names exists in
 * the schema model. What the SQL does (`classification`) is the statement analyser's answer, passed in: this
 * module checks names, it does not decide whether SQL writes.
 */
export function checkSql(sql: string, schema: SchemaModel, classification: StatementKind): AiSqlCheck {
  const database = factsOf(schema.dialect).parserDialect
  let ast: unknown
  try {
    ast = sqlParser().astify(sql, { database })
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e)
    return { sql, parsed: false, classification, unknownTables: [], unknownColumns: [], warnings: [`Could not parse the SQL for ${schema.dialect}: ${message}`] }
  }
  const statements = (Array.isArray(ast) ? ast : [ast]) as { type?: string }[]
  const { cteNames, aliases } = collectNames(statements)

  const byName = new Map<string, { schema: string; columns: Set<string> }[]>()
  for (const t of schema.tables) {
    const list = byName.get(t.name.toLowerCase()) ?? []
    list.push({ schema: t.schema.toLowerCase(), columns: new Set(t.columns.map((c) => c.name.toLowerCase())) })
    byName.set(t.name.toLowerCase(), list)
  }

  const unknownTables: string[] = []
  const referenced: { schema: string; columns: Set<string> }[] = []
  const referencedByName = new Map<string, Set<string>>()
  let tableEntries: string[] = []
  let columnEntries: string[] = []
  try {
    tableEntries = sqlParser().tableList(sql, { database })
    columnEntries = sqlParser().columnList(sql, { database })
  } catch {
    // astify succeeded, so this is rare; keep the classification and skip name checks.
  }
  for (const entry of tableEntries) {
    const [, db, name] = entry.split('::')
    const lname = name.toLowerCase()
    if (cteNames.has(lname)) continue
    const candidates = (byName.get(lname) ?? []).filter((t) => db === 'null' || t.schema === db.toLowerCase())
    if (candidates.length === 0) {
      // CREATE TABLE introduces names the schema does not have yet; only flag reads/writes of missing tables.
      if (classification !== 'ddl') unknownTables.push(db === 'null' ? name : `${db}.${name}`)
      continue
    }
    referenced.push(...candidates)
    const cols = referencedByName.get(lname) ?? new Set<string>()
    for (const c of candidates) for (const col of c.columns) cols.add(col)
    referencedByName.set(lname, cols)
  }

  const unknownColumns: string[] = []
  if (classification !== 'ddl' && unknownTables.length === 0) {
    for (const entry of columnEntries) {
      const [, table, column] = entry.split('::')
      if (column === '(.*)' || column === '*') continue
      const lcol = column.toLowerCase()
      if (aliases.has(lcol)) continue
      const ltable = table.toLowerCase()
      if (table !== 'null' && cteNames.has(ltable)) continue
      const pool = table !== 'null' && referencedByName.has(ltable) ? [referencedByName.get(ltable)!] : referenced.map((r) => r.columns)
      if (pool.length === 0) continue
      if (!pool.some((cols) => cols.has(lcol))) unknownColumns.push(table !== 'null' ? `${table}.${column}` : column)
    }
  }
  const warnings: string[] = []
  if (unknownTables.length) warnings.push(`Unknown table${unknownTables.length > 1 ? 's' : ''}: ${unknownTables.join(', ')}`)
  if (unknownColumns.length) warnings.push(`Unknown column${unknownColumns.length > 1 ? 's' : ''}: ${[...new Set(unknownColumns)].join(', ')}`)
  return { sql, parsed: true, classification, unknownTables: [...new Set(unknownTables)], unknownColumns: [...new Set(unknownColumns)], warnings }
}

/** CTE names and output aliases (select-list `AS x`, derived tables) found anywhere in the AST. */
function collectNames(ast: unknown): { cteNames: Set<string>; aliases: Set<string> } {
  const cteNames = new Set<string>()
  const aliases = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const n = node as Record<string, unknown>
    if (Array.isArray(n.with)) {
      for (const w of n.with as { name?: { value?: string } | string; columns?: unknown[] }[]) {
        const name = typeof w.name === 'string' ? w.name : w.name?.value
        if (name) cteNames.add(name.toLowerCase())
        for (const c of (w.columns ?? []) as unknown[]) {
          const cn = typeof c === 'string' ? c : (c as { value?: string })?.value
          if (cn) aliases.add(cn.toLowerCase())
        }
      }
    }
    if (typeof n.as === 'string') aliases.add(n.as.toLowerCase())
    else if (n.as && typeof n.as === 'object' && typeof (n.as as { value?: unknown }).value === 'string') aliases.add(((n.as as { value: string }).value).toLowerCase())
    for (const v of Object.values(n)) if (v && typeof v === 'object') visit(v)
  }
  visit(ast)
  return { cteNames, aliases }
}

/** The first SQL block of a model's answer (```sql fenced), or the whole answer when it is bare SQL. */
export function extractSql(answer: string): string | undefined {
  const fenced = answer.match(/```(?:sql|postgres|postgresql|mysql|tsql|sqlite)?\s*\n([\s\S]*?)```/i)
  if (fenced) return fenced[1].trim() || undefined
  const bare = answer.trim()
  return /^(select|with|insert|update|delete|create|alter|drop|explain)\b/i.test(bare) ? bare : undefined
}
