import { describe, expect, it } from 'vitest'
import { copiesYieldToOriginals, originalOf } from './copy-of'

describe('copies of tables', () => {
  it('names the live table a staging, archive or backup copy was made from', () => {
    expect(originalOf('stg_hr.leave_req')).toBe('hr.leave_req')
    expect(originalOf('hr_archive.leave_req_2020')).toBe('hr.leave_req')
    expect(originalOf('shop.orders_bak')).toBe('shop.orders')
    expect(originalOf('shop.orders')).toBeUndefined()
    expect(originalOf('sales.order_items')).toBeUndefined()
  })

  it('moves copies whose original is ranked above them behind the first k, and keeps a copy ranked alone', () => {
    const keys = ['hr.leave_req', 'stg_hr.leave_req', 'hr.dept', 'hr_archive.leave_req_2020', 'hr.emp_mstr', 'lab_archive.patients_2020']
    const out = copiesYieldToOriginals(keys.map((key) => ({ key })), 4).map((r) => r.key)
    expect(out.slice(0, 4)).toEqual(['hr.leave_req', 'hr.dept', 'hr.emp_mstr', 'lab_archive.patients_2020'])
    expect(out.slice(4)).toEqual(['stg_hr.leave_req', 'hr_archive.leave_req_2020'])
  })
})
