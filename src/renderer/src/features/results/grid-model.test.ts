import { describe, expect, it } from 'vitest'
import { displayCell, initialColumnWidth } from './grid-model'

describe('grid cell display', () => {
  it('prints timestamps the way a database does, and leaves other text alone', () => {
    expect(displayCell('2026-11-23T08:31:55.072830+00:00', 'datetime')).toBe('2026-11-23 08:31:55.072830+00:00')
    expect(displayCell('2026-11-23T08:31:55Z', 'datetime')).toBe('2026-11-23 08:31:55Z')
    expect(displayCell('2026-11-23T08:31:55', 'text')).toBe('2026-11-23T08:31:55')
    expect(displayCell(null, 'datetime')).toBe('NULL')
    expect(displayCell(undefined)).toBe('')
    expect(displayCell('x'.repeat(400))).toHaveLength(301)
  })

  it('sizes a column to its header and first values, within bounds', () => {
    expect(initialColumnWidth('id', ['1', '22', '333'])).toBe(70)
    const email = initialColumnWidth('email', ['danika.lubowitz218@example.com'])
    expect(email).toBeGreaterThan(initialColumnWidth('email', ['a@b.c']))
    expect(initialColumnWidth('notes', ['y'.repeat(5000)])).toBe(420)
  })
})
