import { describe, expect, it } from 'vitest'
import { lineColumnAt, offsetAt } from './text-position'

describe('lineColumnAt and offsetAt', () => {
  const text = 'select 1;\nselect *\n  from t'

  it('are each other’s inverse', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = lineColumnAt(text, offset)
      expect(offsetAt(text, line, column)).toBe(offset)
    }
  })

  it('read a missing column as the start of the line', () => {
    expect(offsetAt(text, 3)).toBe(text.indexOf('  from'))
  })
})
