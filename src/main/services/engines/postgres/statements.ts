import { loadModule, parseSync } from 'libpg-query'
import type { StatementContext, StatementRules, Verdict } from '../../statements/types'
import { classifyStatement } from './classify-statement'
import { loadFunctionVolatility } from './function-volatility'
import { unwrap } from './statement-walk'
import { worstVerdict } from './verdicts'
import { loadWritingRelations } from './writing-relations'

const empty: Verdict = { kind: 'read', reason: 'an empty statement', readOnlySafe: true }

/**
 * PostgreSQL's own parser (libpg-query, WASM) classifies each statement from its full tree: nested statements,
 * subqueries, function calls and operators included. Text it cannot parse is 'unknown', never a read.
 */
export const postgresStatements: StatementRules = {
  ready: () => loadModule(),

  classify(text: string, context: StatementContext): Verdict {
    if (text.trim() === '') return empty
    let statements: unknown[]
    try {
      statements = parseSync(text).stmts ?? []
    } catch (e) {
      return { kind: 'unknown', reason: `it does not parse (${e instanceof Error ? e.message : String(e)})` }
    }
    if (statements.length === 0) return empty
    // the splitter normally hands over one statement; if a piece holds several, the worst of them decides
    return worstVerdict(
      statements.map((raw) => {
        const statement = unwrap((raw as { stmt?: unknown }).stmt)
        return statement ? classifyStatement(statement, context) : { kind: 'unknown', reason: 'the parser returned a statement this app cannot read' }
      })
    )
  },

  // one query after the other on the one session; either failing leaves no context, so the rules stay conservative
  loadContext: async (session) => ({ ...(await loadFunctionVolatility(session)), ...(await loadWritingRelations(session)) })
}
