import { statementAt } from '../../../../shared/statement-split'
import { registerCommands } from '../../app/commands'
import { activeEngine } from '../editor/active-engine'
import { runRequestFromEditor } from '../editor/editor-handle'
import { activeTabStore } from '../workspace/workspace-store'
import { explainedStatement } from './explained-statement'
import type { ExplainRequest } from './plan-slice'

/** What Explain plans: the selection, else the statement at the cursor (the same piece Run would run). */
export function explainRequestFromEditor(analyze: boolean): ExplainRequest | null {
  const tab = activeTabStore()?.getState()
  if (!tab) return null
  const request = runRequestFromEditor('cursor', tab.sql)
  const dialect = activeEngine()?.dialect
  if (request.cursorOffset === undefined || !dialect) return { sql: request.sql, analyze, editorOffset: request.editorOffset }
  const piece = statementAt(request.sql, dialect, request.cursorOffset)
  return { sql: piece?.text ?? '', analyze, editorOffset: request.editorOffset + (piece?.offset ?? 0) }
}

function explainFromEditor(analyze: boolean): void {
  const request = explainRequestFromEditor(analyze)
  if (!request) return
  // Explain on a statement that is itself an EXPLAIN plans the statement it explains (the command says whether to analyse)
  const explained = explainedStatement(request.sql)
  void activeTabStore()?.getState().explain(explained ? { ...request, sql: explained.sql } : request)
}

const idle = (): boolean => {
  const tab = activeTabStore()?.getState()
  return !!tab && !tab.plans.pending
}

registerCommands(
  { id: 'plan.explain', title: 'Explain: plan of the statement at the cursor', category: 'Query', keys: [{ key: 'e', mod: true }], enabled: idle, run: () => explainFromEditor(false) },
  {
    id: 'plan.explainAnalyze',
    title: 'Explain analyze: run the statement at the cursor (reads only, rolled back) and show its plan',
    category: 'Query',
    keys: [{ key: 'e', mod: true, shift: true }],
    enabled: idle,
    run: () => explainFromEditor(true)
  },
  { id: 'plan.cancel', title: 'Stop waiting for the plan', category: 'Query', enabled: () => !!activeTabStore()?.getState().plans.pending, run: () => activeTabStore()?.getState().cancelExplain() }
)
