import { describe, expect, it } from 'vitest'
import { displayCell, initialColumnWidth, isPlanText, keepsSpacing, planTextColumnWidth } from './grid-model'

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

  it('keeps the spacing of EXPLAIN text, and gives a plan text column its whole width', () => {
    expect(keepsSpacing('        ->  Hash Join  (cost=1.00..2.00 rows=1 width=4)')).toBe(true)
    expect(keepsSpacing('Sort Key:  x')).toBe(true)
    expect(keepsSpacing('plain text')).toBe(false)
    expect(keepsSpacing('  two\nlines')).toBe(false)
    expect(keepsSpacing(42)).toBe(false)
    expect(isPlanText([{ name: 'QUERY PLAN', kind: 'text' }], false)).toBe(true)
    expect(isPlanText([{ name: 'EXPLAIN', kind: 'text' }], true)).toBe(true)
    expect(isPlanText([{ name: 'name', kind: 'text' }], false)).toBe(false)
    expect(isPlanText([{ name: 'QUERY PLAN', kind: 'json' }], true)).toBe(false)
    expect(planTextColumnWidth('QUERY PLAN', ['x'.repeat(120)])).toBeGreaterThan(900)
    expect(planTextColumnWidth('QUERY PLAN', ['x'.repeat(5000)])).toBe(2400)
    expect(planTextColumnWidth('QUERY PLAN', ['Seq Scan'])).toBe(420)
  })
})
