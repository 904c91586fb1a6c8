import { describe, expect, it } from 'vitest'
import { formatRows, mentions } from './plan-format'

describe('plan-format', () => {
  it('knows when an operation already names its table or index', () => {
    expect(mentions('SCAN c', 'c')).toBe(true)
    expect(mentions('SEARCH o USING COVERING INDEX ix_orders_customer (customer_id=?)', 'ix_orders_customer')).toBe(true)
    expect(mentions('ALL b', 'b')).toBe(true)
    expect(mentions('Seq Scan', 'public.orders')).toBe(false)
    expect(mentions('SCAN customers', 'c')).toBe(false)
    expect(mentions('SCAN t.x', 'x')).toBe(true)
  })

  it('reads rows the way a DBA does', () => {
    expect(formatRows(undefined)).toBe('–')
    expect(formatRows(2000)).toBe('2,000')
    expect(formatRows(56_364)).toBe('56.4k')
    expect(formatRows(4_500_000)).toBe('4.5M')
  })
})
