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
    ['cat.products', 'cat.product_variants'],
    ['school.student_guardian', 'school.students'],
    ['school.student_guardian', 'school.guardians'],
    ['hr.job_hist', 'hr.emp_mstr']
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
  it('counts a link table as named for its last word only: "parents of graders" still calls in students', () => {
    const out = bringInNamedNeighbours(ranked(['school.guardians', 'school.student_guardian', ...noise, 'school.students']), g, new Set(['guardian', 'parent', 'student', 'grader']))
    expect(out.slice(0, 3).map((r) => r.key)).toEqual(['school.guardians', 'school.student_guardian', 'school.students'])
  })
  it('calls in a neighbour by its last word, not by a word inside its name', () => {
    const keys = ['hr.emp_mstr', ...noise, 'hr.job_hist']
    expect(bringInNamedNeighbours(ranked(keys), g, new Set(['job'])).map((r) => r.key)).toEqual(keys)
    expect(bringInNamedNeighbours(ranked(keys), g, new Set(['hist'])).map((r) => r.key).slice(0, 2)).toEqual(['hr.emp_mstr', 'hr.job_hist'])
  })
  it('leaves unnamed neighbours alone', () => {
    const keys = ['hr.emp_mstr', ...noise, 'hr.dept']
    expect(bringInNamedNeighbours(ranked(keys), g, new Set(['salary'])).map((r) => r.key)).toEqual(keys)
  })
})
