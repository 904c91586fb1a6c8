import { describe, expect, it } from 'vitest'
import { fkGraph } from './testing/fk-graph'
import { bringInNamedNeighbours } from './named-neighbours'
import type { RankedTable } from './rank'


const ranked = (keys: string[]): RankedTable[] => keys.map((key, i) => ({ key, score: 1 / (i + 1), via: 'match' }))
const noise = Array.from({ length: 12 }, (_, i) => `n.t${i}`)

describe('bringInNamedNeighbours', () => {
  const g = fkGraph([
    ['hr.emp_mstr', 'hr.dept'],
    ['hr.leave_req', 'hr.emp_mstr'],
    ['cat.products', 'cat.product_variants']
  ])
  it('moves a table the question names right behind the best match it joins', () => {
    const out = bringInNamedNeighbours(ranked(['hr.leave_req', 'hr.emp_mstr', ...noise, 'hr.dept']), g, new Set(['leav', 'dept', 'department']))
    expect(out.slice(0, 4).map((r) => r.key)).toEqual(['hr.leave_req', 'hr.emp_mstr', 'hr.dept', 'n.t0'])
    const scores = out.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })
  it('does not call in neighbours for a word a best match is already named by', () => {
    const keys = ['cat.products', ...noise, 'cat.product_variants']
    expect(bringInNamedNeighbours(ranked(keys), g, new Set(['product'])).map((r) => r.key)).toEqual(keys)
  })
  it('leaves unnamed neighbours alone', () => {
    const keys = ['hr.emp_mstr', ...noise, 'hr.dept']
    expect(bringInNamedNeighbours(ranked(keys), g, new Set(['salary'])).map((r) => r.key)).toEqual(keys)
  })
})
