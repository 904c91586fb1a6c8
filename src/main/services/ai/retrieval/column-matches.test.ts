import { describe, expect, it } from 'vitest'
import { columnIndex, rankByColumns } from './column-matches'
import type { RetrievalTable } from './chunk'

const table = (key: string, columns: string[]): RetrievalTable => ({ key, columns: columns.map((name) => ({ name, type: 'text' })), foreignKeys: [] })

describe('column matches', () => {
  it('ranks a wide table by the one column a question names, whatever its width', () => {
    const wide = table('lab.lab_panel_result', ['res_id', ...Array.from({ length: 40 }, (_, i) => `t_code${i}`), 'creatinine'])
    const narrow = table('lab.patients', ['patient_id', 'birth_date'])
    const index = columnIndex([wide, narrow])
    expect(rankByColumns(new Map([['creatinine', 1]]), index, 10)).toEqual(['lab.lab_panel_result'])
  })
})
