import { describe, expect, it } from 'vitest'
import { queryWords } from './features'

describe('queryWords', () => {
  it('counts a past-tense verb below a noun, and a noun at full weight even beside its verb', () => {
    const words = queryWords('Who worked as an analyst')
    expect(words.get('work')).toBeLessThan(1)
    expect(words.get('work')).toBeGreaterThan(0.5)
    expect(words.get('analyst')).toBe(1)
    expect(queryWords('work orders worked on').get('work')).toBe(1)
  })
})
