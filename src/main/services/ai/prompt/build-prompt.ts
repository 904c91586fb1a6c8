import type { AiTask } from '../../../../shared/contract/ai'
import type { Dialect } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import type { ChatMessage } from '../providers/types'
import { estimateTokens, truncateToTokens } from './budget'
import { optimizeInstructions } from './optimize-answer'

export interface PromptInput {
  task: AiTask
  dialect: Dialect
  question?: string
  sql?: string
  error?: string
  /** optimize: the plan as planForPrompt renders it. */
  plan?: string
  /** optimize: the DDL and row counts of the tables the plan reads (planTablesForPrompt), and their keys. */
  planTables?: { keys: string[]; text: string }
  /** explainResult: the result's columns, row count and (when privacy allows) its rows, as resultForPrompt renders them. */
  result?: string
  /** Schema chunks in rank order (most relevant first): `{ key, text, compact }`. */
  tables: { key: string; text: string; compact: string }[]
  glossary: { term: string; definition: string }[]
  examples: string[]
  /** Tokens the prompt may use (context window minus the answer's share). */
  budgetTokens: number
}

export interface BuiltPrompt {
  system: string
  messages: ChatMessage[]
  tables: string[]
  estimatedTokens: number
}

function taskInstructions(task: AiTask, dialect: string): string {
  switch (task) {
    case 'ask':
      return `Write one ${dialect} query that answers the user's question. Reply with the SQL in a single \`\`\`sql block, then at most two sentences on assumptions. Use only tables and columns listed in the schema; if the schema cannot answer the question, say so instead of guessing. Prefer read-only queries; never write data unless the user explicitly asks.`
    case 'explain':
      return `Explain what the user's ${dialect} query does, step by step, in plain language for an analyst: the tables it reads, joins, filters, grouping and the shape of the result. Point out likely mistakes or performance traps. Do not rewrite it unless asked.`
    case 'fix':
      return `The user's ${dialect} query failed with the database error shown. Find the cause and reply with the corrected query in a single \`\`\`sql block, then one or two sentences on what was wrong. Use only tables and columns listed in the schema.`
    case 'optimize':
      return optimizeInstructions(dialect)
    case 'explainResult':
      return `Summarise for an analyst what the result of the user's ${dialect} query shows: what one row is, the main figures, patterns, outliers and anything that looks wrong (NULLs, duplicates, suspicious values). When only the columns and row count are given, say what the result holds from the query and the schema, without inventing values. End with one line "Chart: <bar|line|area|scatter|pie> of <y column> by <x column>" when a chart would help, or "Chart: none". No SQL unless asked.`
    case 'mockGenerators':
      return `Propose test-data generators for the columns listed in the request, from their names, types, comments and constraints, so that generated rows look realistic and satisfy the constraints. Never use real people's personal data. Reply with JSON only: {"columns":[{"table":"schema.table","column":"name","kind":"list|range|pattern|constant","values":["..."],"min":"...","max":"...","pattern":"...","value":"...","reason":"one short phrase"}]}. kind list: values (at most 30); range: min and max (numbers, dates or timestamps); pattern: # a digit, ? a letter, * either (e.g. ORD-####); constant: value. Propose only where the default (chosen from name and type) would look wrong; leave out keys and foreign keys.`
    case 'describe':
      return `Write short, factual descriptions of the listed tables and their columns for a data catalogue, inferred from names, types and keys. Reply with JSON only: {"tables":[{"table":"schema.table","description":"...","columns":{"column":"..."}}]}.`
  }
}

/**
 * Builds the system and user messages for a task, fitting the schema context into the budget: fixed parts
 * first (instructions, question, query, error, plan), then glossary and examples within a share, then
 * tables in rank order, in full while they fit and as one-line summaries after that.
 */
export function buildPrompt(p: PromptInput): BuiltPrompt {
  const dialect = factsOf(p.dialect).promptName
  const systemHead = `You are the SQL assistant of QueryGenie, a database workbench. The database is ${dialect}.\n${taskInstructions(p.task, dialect)}`

  const parts: string[] = []
  if (p.question) parts.push(`${p.task === 'ask' ? 'Question' : 'Request'}: ${p.question}`)
  let fixedTokens = estimateTokens(systemHead) + estimateTokens(parts.join('\n'))
  const budget = Math.max(500, p.budgetTokens)
  if (p.sql) {
    const sql = truncateToTokens(p.sql, budget * 0.3)
    parts.push(`Query:\n\`\`\`sql\n${sql}\n\`\`\``)
    fixedTokens += estimateTokens(sql)
  }
  if (p.error) {
    const err = truncateToTokens(p.error, budget * 0.1)
    parts.push(`Database error:\n${err}`)
    fixedTokens += estimateTokens(err)
  }
  if (p.result) {
    const result = truncateToTokens(p.result, budget * 0.3)
    parts.push(`Result:\n${result}`)
    fixedTokens += estimateTokens(result)
  }
  if (p.plan) {
    const plan = truncateToTokens(p.plan, budget * 0.3)
    parts.push(`Execution plan:\n${plan}`)
    fixedTokens += estimateTokens(plan)
  }
  if (p.planTables?.text) {
    const ddl = truncateToTokens(p.planTables.text, budget * 0.2)
    parts.push(`Tables the plan reads (DDL with indexes, and row counts):\n\`\`\`sql\n${ddl}\n\`\`\``)
    fixedTokens += estimateTokens(ddl)
  }

  let remaining = budget - fixedTokens
  const sections: string[] = []
  if (p.glossary.length) {
    const lines: string[] = []
    let used = 0
    for (const g of p.glossary) {
      const line = `- ${g.term}: ${g.definition}`
      const t = estimateTokens(line)
      if (used + t > Math.min(remaining * 0.1, 2_000)) break
      lines.push(line)
      used += t
    }
    if (lines.length) {
      sections.push(`Business glossary:\n${lines.join('\n')}`)
      remaining -= used
    }
  }
  if (p.examples.length) {
    const picked: string[] = []
    let used = 0
    for (const ex of p.examples) {
      const t = estimateTokens(ex)
      if (used + t > Math.min(remaining * 0.1, 1_500)) break
      picked.push(ex)
      used += t
    }
    if (picked.length) {
      sections.push(`Queries that ran successfully on this database before:\n${picked.map((e) => `\`\`\`sql\n${e}\n\`\`\``).join('\n')}`)
      remaining -= used
    }
  }
  const included: string[] = [...(p.planTables?.keys ?? [])]
  const schemaLines: string[] = []
  for (const t of p.tables) {
    const full = estimateTokens(t.text)
    if (full <= remaining) {
      schemaLines.push(t.text)
      remaining -= full
      included.push(t.key)
      continue
    }
    const compact = estimateTokens(t.compact)
    if (compact <= remaining) {
      schemaLines.push(t.compact)
      remaining -= compact
      included.push(t.key)
    }
  }
  const schemaSection = schemaLines.length
    ? `Schema (most relevant tables):\n${schemaLines.join('\n')}`
    : p.planTables?.keys.length
      ? ''
      : 'No schema information is available.'
  const system = [systemHead, schemaSection, ...sections].filter(Boolean).join('\n\n')
  const messages: ChatMessage[] = [{ role: 'user', content: parts.join('\n\n') || 'Describe the listed tables.' }]
  return { system, messages, tables: included, estimatedTokens: estimateTokens(system) + estimateTokens(messages[0].content) }
}

/** One-line form of a chunk for when the full one does not fit: `TABLE s.t(col type, ...)`. */
export function compactChunk(key: string, columns: { name: string; type: string }[]): string {
  return `TABLE ${key}(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`
}

/** The follow-up that asks the model once more when its SQL named things the schema does not have. */
export function correctionMessage(warnings: string[], task?: AiTask): string {
  const reply = task === 'optimize' ? 'reply with all your findings again, in the same format, with corrected SQL blocks' : 'reply with the corrected SQL in a single ```sql block'
  return `Your SQL does not match the schema: ${warnings.join('; ')}. Use only tables and columns from the schema above and ${reply}.`
}
