import type { AiFinding, AiSqlBlock, AiSqlBlockRole } from '../../../../shared/contract/ai'
import type { SchemaModel } from '../../../../shared/schema-model'
import { allowedReadOnly, needsConfirmation, scriptKind, type Analysis } from '../../statements'
import { checkSql } from '../check/validate-sql'
import type { ParsedFinding } from '../prompt/optimize-answer'

export interface FindingContext {
  schema: SchemaModel
  readOnly: boolean
  /** The statement analyser with the connection's catalog context (the same one ai.execute asks). */
  analyse(sql: string): Promise<Analysis>
  /** Puts back the literals the prompt hid (see LiteralMask). */
  unmask(sql: string): string
}

/**
 * Each finding's SQL blocks as the statement analyser sees them, with the flags the UI acts on. Whether a block may
 * run is ai.execute's decision alone (it re-analyses); these flags only say what it will decide.
 */
export async function classifyFindings(parsed: ParsedFinding[], ctx: FindingContext): Promise<AiFinding[]> {
  const out: AiFinding[] = []
  for (const f of parsed) {
    const blocks: AiSqlBlock[] = []
    for (const raw of f.sql) {
      const block = await classifyBlock(ctx.unmask(raw), ctx)
      if (block) blocks.push(block)
    }
    out.push({ rank: f.rank, title: f.title, nodeIds: f.nodeIds, explanation: f.explanation, blocks })
  }
  return out
}

async function classifyBlock(sql: string, ctx: FindingContext): Promise<AiSqlBlock | undefined> {
  const analysis = await ctx.analyse(sql)
  const statements = analysis.statements
  if (statements.length === 0) return undefined
  const kind = scriptKind(analysis)
  return {
    sql,
    role: roleOf(analysis),
    statementCount: statements.length,
    check: checkSql(sql, ctx.schema, kind),
    needsConfirmation: needsConfirmation(analysis),
    refusedReadOnly: ctx.readOnly && !statements.every(allowedReadOnly)
  }
}

/** A label for the UI's buttons, on top of the analyser's verdict (never instead of it). */
function roleOf(analysis: Analysis): AiSqlBlockRole {
  const [only, ...more] = analysis.statements
  if (more.length) return 'script'
  if (only!.kind === 'read') return 'rewrite'
  if (only!.kind === 'ddl' && /^\s*(create\s+(unique\s+)?index\b|alter\s+table\b[\s\S]*\badd\s+(unique\s+)?(index|key)\b)/i.test(only!.text)) return 'index'
  return 'change'
}
