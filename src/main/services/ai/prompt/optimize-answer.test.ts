import { describe, expect, it } from 'vitest'
import { parseFindings } from './optimize-answer'

const ids = new Set(['n1', 'n2', 'n3'])

describe('parseFindings', () => {
  it('reads ranked findings with their nodes, explanation and SQL blocks', () => {
    const answer = `The plan spends most of its time scanning orders.

### 1. Sequential scan of orders [nodes: n2, n1]
The filter on status removes 95% of 100k rows.
\`\`\`sql
CREATE INDEX orders_status ON orders (status);
\`\`\`

### 2. **Join order** [nodes: n3]
The hash is built on the small side already.
\`\`\`sql
SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'shipped';
\`\`\`
\`\`\`text
not sql
\`\`\`
`
    expect(parseFindings(answer, ids)).toEqual([
      { rank: 1, title: 'Sequential scan of orders', nodeIds: ['n2', 'n1'], explanation: 'The filter on status removes 95% of 100k rows.', sql: ['CREATE INDEX orders_status ON orders (status);'] },
      { rank: 2, title: 'Join order', nodeIds: ['n3'], explanation: 'The hash is built on the small side already.', sql: ["SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'shipped';"] }
    ])
  })

  it('drops node ids the plan does not have and never takes a # inside SQL for a heading', () => {
    const answer = `## 1. Fake nodes [nodes: n2, n99, x; DROP]
\`\`\`mysql
# 2. not a heading
SELECT 1;
DROP TABLE orders;
\`\`\``
    const [f, ...rest] = parseFindings(answer, ids)
    expect(rest).toEqual([])
    expect(f!.nodeIds).toEqual(['n2'])
    expect(f!.sql).toEqual(['# 2. not a heading\nSELECT 1;\nDROP TABLE orders;'])
  })

  it('takes [id] mentions when there is no nodes tag, and an answer without headings as one finding', () => {
    expect(parseFindings('### 1. Slow scan\nNode [n3] and [n7] are slow.', ids)[0]!.nodeIds).toEqual(['n3'])
    expect(parseFindings('Try this:\n```sql\nSELECT 1\n```', ids)).toEqual([{ rank: 1, title: 'Suggestion', nodeIds: [], explanation: '', sql: ['SELECT 1'] }])
    expect(parseFindings('The plan is fine.', ids)).toEqual([])
    expect(parseFindings('### 2024 figures\nnothing', ids)).toEqual([])
    expect(parseFindings('### Finding 2: Late filter\nx', ids)[0]).toMatchObject({ rank: 1, title: 'Late filter' })
  })

  it('also reads numbered lines that carry a nodes tag, but not plain numbered lists', () => {
    const found = parseFindings('1. **Index the filter** [nodes: n1]\nSteps:\n1. create it\n2. analyse', ids)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ title: 'Index the filter', nodeIds: ['n1'], explanation: 'Steps:\n1. create it\n2. analyse' })
  })
})
