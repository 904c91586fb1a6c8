import type { Dialect } from '../../../shared/cells'
import { splitStatements } from '../drivers/split'

const readOnlyStart = /^(select|with|show|explain|describe|desc|values|table|pragma|help|use|set\s+search_path)\b/i

/** Strips leading comments and parentheses so `-- note\n(select 1)` counts as a read. */
function firstWords(text: string): string {
  return text.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/|\()+/, '')
}

/**
 * Whether a script may change data or schema. Conservative: anything not recognised as a read counts as a
 * write (a `WITH ... DELETE` also counts as a write).
 */
export function mayWrite(sql: string, dialect: Dialect): boolean {
  return splitStatements(sql, dialect).some((p) => {
    const text = firstWords(p.text)
    if (!readOnlyStart.test(text)) return true
    return /^with\b/i.test(text) && /\b(insert|update|delete|merge)\b/i.test(text)
  })
}
