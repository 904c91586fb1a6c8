import type { Plan } from '../../../../shared/plan/model'
import { walkPlan } from '../../../../shared/plan/walk'
import { qualifiedName, type SchemaModel, type TableModel } from '../../../../shared/schema-model'
import { generateDdl } from '../../engines'
import { estimateTokens, truncateToTokens } from './budget'

const unquote = (part: string): string => part.replace(/^[`"[]|[`"\]]$/g, '')

/**
 * The schema model's tables that the plan's nodes read (by relation name, schema-qualified or not), then `alsoNamed`
 * (the tables the query names: MySQL plans name tables by their alias), without repeats, in plan order.
 */
export function tablesOfPlan(plan: Plan, schema: SchemaModel, alsoNamed: string[] = []): TableModel[] {
  const found = new Map<string, TableModel>()
  const add = (t: TableModel | undefined) => {
    if (t && !found.has(qualifiedName(t))) found.set(qualifiedName(t), t)
  }
  for (const { node } of walkPlan(plan.root)) if (node.relation) add(findTable(node.relation, schema))
  for (const key of alsoNamed) add(schema.tables.find((t) => qualifiedName(t) === key))
  return [...found.values()]
}

function findTable(relation: string, schema: SchemaModel): TableModel | undefined {
  const parts = relation.split('.').map(unquote)
  const name = parts.at(-1)!.toLowerCase()
  const owner = parts.length > 1 ? parts.at(-2)!.toLowerCase() : undefined
  const candidates = schema.tables.filter((t) => t.name.toLowerCase() === name)
  return candidates.find((t) => owner !== undefined && t.schema.toLowerCase() === owner) ?? candidates.find((t) => t.schema === schema.defaultSchema) ?? candidates[0]
}

/**
 * Each table's DDL (columns, keys, indexes) with its row count as the schema model estimates it, within `budgetTokens`:
 * a table is cut only where it is longer than its even share of what is left, so every table the plan reads is at
 * least named with its row count.
 */
export function planTablesForPrompt(tables: TableModel[], dialect: SchemaModel['dialect'], budgetTokens: number): string {
  let left = budgetTokens
  const parts: string[] = []
  for (const [i, t] of tables.entries()) {
    const rows = typeof t.rowEstimate === 'number' && t.rowEstimate >= 0 ? `about ${Math.round(t.rowEstimate)} rows` : 'row count unknown'
    const head = `-- ${qualifiedName(t)}: ${rows}`
    const ddl = generateDdl(dialect, t).trim()
    // what is left is shared by this table and the ones after it
    const share = Math.max(20, left / (tables.length - i))
    const text = `${head}\n${estimateTokens(ddl) <= share ? ddl : truncateToTokens(ddl, share)}`
    parts.push(text)
    left -= estimateTokens(text)
  }
  return parts.join('\n\n')
}
