import { describe, expect, it } from 'vitest'
import { buildPrompt, compactChunk } from './build-prompt'
import { estimateTokens } from './budget'

const table = (i: number) => {
  const cols = Array.from({ length: 30 }, (_, j) => ({ name: `column_${j}_of_table_${i}`, type: 'varchar(200)' }))
  const key = `s.table_${i}`
  return { key, text: `TABLE ${key}\n${cols.map((c) => `  ${c.name} ${c.type} -- a longer comment that costs tokens`).join('\n')}`, compact: compactChunk(key, cols) }
}

describe('buildPrompt', () => {
  it('fits the prompt into the budget: full chunks first, then compact ones, then nothing', () => {
    const tables = Array.from({ length: 60 }, (_, i) => table(i))
    const p = buildPrompt({ task: 'ask', dialect: 'postgres', question: 'q?', tables, glossary: [], examples: [], budgetTokens: 4_000 })
    expect(p.estimatedTokens).toBeLessThanOrEqual(4_000)
    expect(p.tables[0]).toBe('s.table_0') // rank order kept
    expect(p.tables.length).toBeGreaterThan(3)
    expect(p.tables.length).toBeLessThan(60)
    expect(p.system).toContain(tables[0].text)
    const big = buildPrompt({ task: 'ask', dialect: 'postgres', question: 'q?', tables, glossary: [], examples: [], budgetTokens: 200_000 })
    expect(big.tables).toHaveLength(60)
  })

  it('keeps the fixed parts (query, error, plan) and truncates oversized ones', () => {
    const sql = 'select * from t where x = 1 -- '.repeat(5_000)
    const p = buildPrompt({ task: 'optimize', dialect: 'mysql', sql, plan: '-> Table scan on t', tables: [table(1)], glossary: [], examples: [], budgetTokens: 3_000 })
    expect(p.messages[0].content).toContain('-> Table scan on t')
    expect(p.messages[0].content).toContain('(truncated)')
    expect(estimateTokens(p.messages[0].content)).toBeLessThan(3_000)
    expect(p.system).toMatch(/MySQL/)
  })

  it('adds glossary and past queries within their share', () => {
    const p = buildPrompt({ task: 'ask', dialect: 'sqlite', question: 'ARR?', tables: [table(1)], glossary: [{ term: 'ARR', definition: 'annual recurring revenue' }], examples: ['select 1'], budgetTokens: 8_000 })
    expect(p.system).toContain('- ARR: annual recurring revenue')
    expect(p.system).toContain('```sql\nselect 1\n```')
  })
})
