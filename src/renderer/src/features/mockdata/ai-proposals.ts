import { z } from 'zod'
import type { MockTablePlan } from '../../../../shared/contract'
import { overrideKey, type OverrideDraft } from './override-draft'

const Proposal = z.object({
  table: z.string(),
  column: z.string(),
  kind: z.enum(['list', 'range', 'pattern', 'constant']),
  values: z.array(z.union([z.string(), z.number()])).max(1000).optional(),
  min: z.union([z.string(), z.number()]).optional(),
  max: z.union([z.string(), z.number()]).optional(),
  pattern: z.string().max(200).optional(),
  value: z.union([z.string(), z.number()]).optional()
})

/** The request for the assistant: the columns, their types and the generator the plan chose now. */
export function proposalQuestion(tables: MockTablePlan[]): string {
  const lines = tables.flatMap((t) =>
    t.columns.filter((c) => !c.omitted).map((c) => `${t.schema ? `${t.schema}.` : ''}${t.name}.${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'} — now: ${c.generator}`)
  )
  const checks = tables.flatMap((t) => t.checks.map((c) => `${t.name}: CHECK ${c.expression}`))
  return `Propose generators for these columns:\n${lines.join('\n')}${checks.length ? `\nConstraints:\n${checks.join('\n')}` : ''}`
}

/**
 * The drafts an answer proposes, by override key: only for columns of the plan that are written and are not keys
 * (the plan fills keys and foreign keys itself); anything that does not parse is left out. Model output is untrusted:
 * it becomes editable drafts the user sees, never SQL.
 */
export function draftsFromAnswer(answer: string, tables: MockTablePlan[]): Record<string, OverrideDraft> {
  const json = answer.match(/```(?:json)?\s*([\s\S]*?)```/)?.[1] ?? answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return {}
  }
  const list = z.object({ columns: z.array(z.unknown()).max(2000) }).safeParse(parsed)
  if (!list.success) return {}
  const out: Record<string, OverrideDraft> = {}
  for (const raw of list.data.columns) {
    const p = Proposal.safeParse(raw)
    if (!p.success) continue
    const name = p.data.table.slice(p.data.table.lastIndexOf('.') + 1)
    const table = tables.find((t) => t.name === name)
    const column = table?.columns.find((c) => c.name === p.data.column)
    if (!table || !column || column.omitted || /^foreign key|^sequence|\(unique\)/.test(column.generator)) continue
    const text = textOf(p.data)
    if (text) out[overrideKey(table, column.name)] = { kind: p.data.kind, text, nullPercent: '' }
  }
  return out
}

function textOf(p: z.infer<typeof Proposal>): string | undefined {
  switch (p.kind) {
    case 'list':
      return p.values?.length ? p.values.slice(0, 100).map((v) => String(v).replace(/,/g, ' ')).join(', ') : undefined
    case 'range':
      return p.min !== undefined && p.max !== undefined ? `${p.min}..${p.max}` : undefined
    case 'pattern':
      return p.pattern || undefined
    case 'constant':
      return p.value === undefined ? undefined : String(p.value)
  }
}
