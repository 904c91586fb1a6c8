import type { StatementContext, Verdict } from '../../statements/types'
import { functionVerdict, operatorVerdict } from './function-rules'
import { setVerdict, transactionVerdict } from './session-settings'
import { type AstNode, nameParts, nodesBelow, unwrap } from './statement-walk'
import { verdictByType } from './statement-types'
import { worstVerdict } from './verdicts'
import { relationVerdict } from './writing-relations'

const dataChanges: Readonly<Record<string, string>> = { InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE' }

const lockWords: Readonly<Record<string, string>> = {
  LCS_FORUPDATE: 'FOR UPDATE', LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE', LCS_FORSHARE: 'FOR SHARE', LCS_FORKEYSHARE: 'FOR KEY SHARE'
}

const isOperatorSymbol = (name: string): boolean => /^[-+*/<>=~!@#%^&|`?]+$/.test(name)

/** `OBJECT_FOREIGN_TABLE` → `FOREIGN TABLE`. */
const objectWords = (objectType: unknown): string => String(objectType ?? 'OBJECT_OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ')

/** SELECT INTO creates a table; FOR UPDATE/SHARE locks rows. Null for a SELECT that only reads. */
function selectVerdict(fields: Record<string, unknown>): Verdict | null {
  if (fields.intoClause) return { kind: 'ddl', reason: 'SELECT INTO creates a table' }
  const locking = Array.isArray(fields.lockingClause) ? unwrap(fields.lockingClause[0]) : undefined
  if (locking) return { kind: 'admin', reason: `${lockWords[String(locking.fields.strength)] ?? 'FOR UPDATE'} locks rows` }
  return null
}

/**
 * What one nested node adds: a data-modifying CTE, SELECT INTO or a row lock in an arm or subquery, a call, an
 * operator, a relation whose reading runs a volatile function (a view calling one, a table's row-level security).
 */
function nestedVerdict({ type, fields }: AstNode, context: StatementContext): Verdict | null {
  const change = dataChanges[type]
  if (change) return { kind: 'write', reason: `${change} inside the query changes rows` }
  if (type === 'SelectStmt') return selectVerdict(fields)
  if (type === 'FuncCall') return functionVerdict(nameParts(fields.funcname), context)
  if (type === 'RangeVar') return relationVerdict(fields, context)
  if (type === 'A_Expr') {
    const operator = nameParts(fields.name)
    if (isOperatorSymbol(operator.at(-1) ?? '')) return operatorVerdict(operator, context)
  }
  return null
}

function nestedVerdicts(statement: AstNode, context: StatementContext): Verdict[] {
  return nodesBelow(statement.type, statement.fields).flatMap((node) => nestedVerdict(node, context) ?? [])
}

/** EXPLAIN's ANALYZE option, as PostgreSQL reads a boolean: no value, true/on/yes/1 — anything unclear counts as on. */
function explainAnalyzes(options: unknown): boolean {
  if (!Array.isArray(options)) return false
  return options.some((option) => {
    const element = unwrap(option)
    if (element?.type !== 'DefElem' || element.fields.defname !== 'analyze') return false
    const value = unwrap(element.fields.arg)
    if (!value) return true
    if (value.type === 'String') return !/^(false|off|no|0)$/i.test(String(value.fields.sval))
    if (value.type === 'Integer') return ((value.fields.ival as number | undefined) ?? 0) !== 0
    if (value.type === 'Boolean') return value.fields.boolval === true
    return true
  })
}

function innerVerdict(query: unknown, context: StatementContext): Verdict {
  const inner = unwrap(query)
  return inner ? classifyStatement(inner, context) : { kind: 'unknown', reason: 'the statement inside could not be read' }
}

function explainVerdict(fields: Record<string, unknown>, context: StatementContext): Verdict {
  const inner = innerVerdict(fields.query, context)
  const analyze = explainAnalyzes(fields.options)
  if (inner.kind === 'read') return { kind: 'read', reason: analyze ? 'EXPLAIN ANALYZE runs a read' : 'EXPLAIN shows a plan' }
  // without ANALYZE nothing runs, but a plan of a change is kept as the change: conservative and simple
  return { kind: inner.kind, reason: analyze ? `EXPLAIN ANALYZE runs it, and ${inner.reason}` : inner.reason }
}

function copyVerdict(fields: Record<string, unknown>): Verdict {
  if (fields.is_program) return { kind: 'admin', reason: 'COPY runs a program on the server' }
  if (fields.filename) return { kind: 'admin', reason: 'COPY reaches files on the server' }
  return { kind: 'admin', reason: fields.is_from ? 'COPY FROM STDIN loads rows' : 'COPY TO STDOUT streams data outside a query' }
}

/** The statement's own verdict, before what is nested in it is looked at. */
function ownVerdict({ type, fields }: AstNode): Verdict {
  switch (type) {
    case 'SelectStmt':
      return selectVerdict(fields) ?? { kind: 'read', reason: 'the query reads' }
    case 'VariableSetStmt':
      return setVerdict(fields)
    case 'TransactionStmt':
      return transactionVerdict(fields)
    case 'CopyStmt':
      return copyVerdict(fields)
    case 'VacuumStmt':
      return { kind: 'admin', reason: fields.is_vacuumcmd ? 'VACUUM maintains tables' : 'ANALYZE updates planner statistics' }
    case 'DropStmt':
      return { kind: 'ddl', reason: `DROP ${objectWords(fields.removeType)} changes the schema` }
    case 'DiscardStmt':
      return fields.target === 'DISCARD_ALL'
        ? { kind: 'session', reason: 'DISCARD ALL resets every setting, read-only included', readOnlySafe: false }
        : { kind: 'session', reason: 'DISCARD clears cached session state', readOnlySafe: true }
    default:
      return verdictByType(type) ?? { kind: 'unknown', reason: `${type.replace(/Stmt$/, '')} is not a statement this app recognises as safe` }
  }
}

/** One parsed statement (a node of libpg-query's `stmts`), with everything nested in it. */
export function classifyStatement(statement: AstNode, context: StatementContext): Verdict {
  const { type, fields } = statement
  if (type === 'ExplainStmt') return explainVerdict(fields, context)
  if (type === 'PrepareStmt') return innerVerdict(fields.query, context)
  if (type === 'DeclareCursorStmt') {
    const inner = innerVerdict(fields.query, context)
    return inner.kind === 'read' ? { kind: 'read', reason: 'DECLARE opens a cursor on a read' } : inner
  }
  return worstVerdict([ownVerdict(statement), ...nestedVerdicts(statement, context)])
}
