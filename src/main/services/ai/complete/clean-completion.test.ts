import { describe, expect, it } from 'vitest'
import { LiteralMask } from '../prompt/literal-mask'
import { cleanCompletion, MAX_COMPLETION_CHARS } from './clean-completion'
import { maskAroundCursor } from './mask-around-cursor'

describe('cleanCompletion', () => {
  it('keeps a plain continuation as it is', () => {
    expect(cleanCompletion('rders WHERE total > 10', 'SELECT * FROM o', '')).toBe('rders WHERE total > 10')
  })

  it('takes the inside of a code fence and drops the sentence before it', () => {
    expect(cleanCompletion('Here is the completion:\n```sql\nFROM orders\n```\nIt reads orders.', 'SELECT * ', '')).toBe('FROM orders')
    expect(cleanCompletion('Sure:\nFROM orders', 'SELECT * ', '')).toBe('FROM orders')
    // a fence the token limit cut off
    expect(cleanCompletion('```sql\nFROM orders WHERE', 'SELECT * ', '')).toBe('FROM orders WHERE')
  })

  it('drops what the model repeated of the text before the cursor (the whole statement, or the word being typed)', () => {
    expect(cleanCompletion('SELECT * FROM orders WHERE total > 10', 'SELECT * FROM orders WHERE ', '')).toBe('total > 10')
    expect(cleanCompletion('orders', 'SELECT * FROM o', '')).toBe('rders')
    expect(cleanCompletion('  FROM orders', 'SELECT * ', '')).toBe('FROM orders')
  })

  it('ends at the end of the statement, before a blank line, and before what follows the cursor', () => {
    expect(cleanCompletion("FROM orders WHERE note = 'a;b'; SELECT 2;", 'SELECT * ', '')).toBe("FROM orders WHERE note = 'a;b';")
    expect(cleanCompletion('FROM orders\n\nThis selects every order.', 'SELECT * ', '')).toBe('FROM orders')
    expect(cleanCompletion('customer_id FROM orders', 'SELECT ', ' FROM orders')).toBe('customer_id')
  })

  it('caps the length and answers empty for nothing but whitespace', () => {
    expect(cleanCompletion(`${'x, '.repeat(2_000)}`, 'SELECT ', '').length).toBeLessThanOrEqual(MAX_COMPLETION_CHARS)
    expect(cleanCompletion('a\n'.repeat(50), 'SELECT ', '').split('\n').length).toBeLessThanOrEqual(20)
    expect(cleanCompletion('  \n ', 'SELECT ', '')).toBe('')
  })
})

describe('maskAroundCursor', () => {
  it('masks the literals on both sides with one numbering', () => {
    const mask = new LiteralMask(true)
    const r = maskAroundCursor(mask, "SELECT * FROM c WHERE email = 'ada@example.com' AND ", " OR name = 'ada@example.com'")
    expect(r).toEqual({ before: "SELECT * FROM c WHERE email = '?1' AND ", after: " OR name = '?1'" })
    expect(mask.unmask("name = '?1'")).toBe("name = 'ada@example.com'")
  })

  it('sends nothing of a literal the cursor is inside of, and does not pair its quote with a later one', () => {
    const r = maskAroundCursor(new LiteralMask(true), "WHERE a = 'x' AND email = 'ada@exa", "mple.com' AND name = 'Bob'")
    expect(r).toEqual({ before: "WHERE a = '?1' AND email = '", after: "' AND name = '?2'" })
    expect(maskAroundCursor(new LiteralMask(true), "WHERE note = 'it''s sec", '')).toEqual({ before: "WHERE note = '", after: '' })
    // the text after the cursor is cut to a length, possibly inside a literal
    expect(maskAroundCursor(new LiteralMask(true), 'WHERE ', "a = 'x' AND email = 'ada@exa")).toEqual({ before: 'WHERE ', after: "a = '?1' AND email = '" })
  })

  it('changes nothing when the mask is off (a local provider, or "schema + samples")', () => {
    expect(maskAroundCursor(new LiteralMask(false), "email = 'ada@exa", "mple.com'")).toEqual({ before: "email = 'ada@exa", after: "mple.com'" })
  })
})
