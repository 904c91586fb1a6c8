import { isKeyword, type SqlToken } from '../../../../shared/sql-tokens'
import type { Verdict } from '../../statements/types'
import { callsVerdict } from './function-calls'
import type { MysqlCatalog } from './statement-context'
import { admin, mostRestrictive, unknown } from './verdicts'

const at = (tokens: SqlToken[], i: number, ...words: string[]): boolean => words.every((w, k) => isKeyword(tokens[i + k], w))

/** Where a name can only be a table or view: after FROM, JOIN, TABLE, a comma or a schema's `.` (`select 1 as session` is no view). */
function inTablePosition(tokens: SqlToken[], i: number): boolean {
  const before = tokens[i - 1]
  if (!before) return false
  if (before.kind === 'punct') return before.text === ',' || before.text === '.'
  return before.kind === 'word' && ['FROM', 'JOIN', 'STRAIGHT_JOIN', 'TABLE', 'UPDATE', 'INTO'].includes(before.value.toUpperCase())
}

/**
 * What a statement's expressions may do beyond computing a value: call stored code, take locks, advance a sequence,
 * read a view whose definition does any of these. Null when they only compute.
 */
export function expressionVerdict(tokens: SqlToken[], catalog: MysqlCatalog | undefined, options: { views?: boolean } = {}): Verdict | null {
  const found: (Verdict | null)[] = [callsVerdict(tokens, catalog)]
  for (let i = 0; i < tokens.length; i++) {
    if (at(tokens, i, 'NEXT', 'VALUE', 'FOR')) found.push(admin('NEXT VALUE FOR advances a sequence'))
    if (at(tokens, i, 'FOR', 'UPDATE') || at(tokens, i, 'FOR', 'SHARE') || at(tokens, i, 'LOCK', 'IN', 'SHARE', 'MODE')) {
      found.push(admin('it locks the rows it reads until the transaction ends'))
    }
    const t = tokens[i]!
    if ((options.views ?? true) && catalog && (t.kind === 'word' || t.kind === 'ident') && inTablePosition(tokens, i) && catalog.riskyViews.has(t.value.toLowerCase())) {
      found.push(unknown(`it reads the view ${t.value}, whose definition calls code that may change data`))
    }
  }
  return mostRestrictive(found)
}
