import { describe, expect, it } from 'vitest'
import { abbreviates, schemaVocabulary, variantsOf } from './identifier-variants'
import type { RetrievalTable } from './chunk'

const table = (key: string, columns: string[]): RetrievalTable => ({ key, columns: columns.map((name) => ({ name, type: 'text' })), foreignKeys: [] })

const tables = [
  table('hr.emp_mstr', ['empno', 'deptno', 'hiredt']),
  table('hr.dept', ['deptno', 'dname']),
  table('finance.gl_jrnl_hdr', ['jrnl_id', 'jrnl_src']),
  table('logistics.shipmentline', ['shpl_id', 'qty_shipped']),
  table('shop.custaddr', ['addr_id', 'city']),
  table('shop.payments', ['payment_id', 'amount'])
]
const vocabulary = schemaVocabulary(tables)

describe('identifier variants', () => {
  it('finds the abbreviations and compounds a schema uses for a spelled-out word', () => {
    expect(variantsOf('journal', vocabulary)).toContain('jrnl')
    expect(variantsOf('department', vocabulary)).toContain('dept')
    expect(variantsOf('employee', vocabulary)).toContain('emp')
    expect(variantsOf('shipment', vocabulary)).toContain('shipmentline')
    expect(variantsOf('customer', vocabulary)).toContain('custaddr')
  })

  it('does not treat unrelated words as abbreviations', () => {
    expect(abbreviates('pat', 'payment')).toBe(false)
    expect(abbreviates('pay', 'payment')).toBe(true)
    expect(abbreviates('cost', 'customer')).toBe(false)
    // three letters only when they are the word's consonants in order ("plt"), not any three of its letters
    expect(abbreviates('plt', 'platelet')).toBe(true)
    expect(abbreviates('qty', 'quantity')).toBe(true)
    expect(abbreviates('pte', 'platelet')).toBe(false)
    expect(abbreviates('pat', 'platelet')).toBe(false)
    expect(abbreviates('mrn', 'merchandise')).toBe(false)
    expect(abbreviates('mgr', 'manager')).toBe(true)
    expect(variantsOf('release', schemaVocabulary([table('crm.contact_relation', ['relation'])]))).toEqual([])
    expect(variantsOf('payment', vocabulary)).not.toContain('payment')
    expect(variantsOf('amount', vocabulary)).toEqual([])
  })
})
