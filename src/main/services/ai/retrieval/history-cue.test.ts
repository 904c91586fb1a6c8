import { describe, expect, it } from 'vitest'
import { historyNameWords } from './history-cue'

describe('historyNameWords', () => {
  it('asks for history tables when the question is about an earlier state', () => {
    for (const q of ['Who worked as an analyst before becoming a manager?', 'Customers who ever changed plan', 'Employees previously in Sales', 'Price history of product X'])
      expect(historyNameWords(q), q).toContain('hist')
  })
  it('does not for questions about the present', () => {
    for (const q of ['Average salary per department', 'Open orders for customer ACME', 'Everyone hired this year']) expect(historyNameWords(q), q).toEqual([])
  })
})
