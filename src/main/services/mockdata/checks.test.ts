import { describe, expect, it } from 'vitest'
import { readCheck } from './checks'

const rules = (e: string) => Object.fromEntries(readCheck(e).rules)

describe('readCheck', () => {
  it('reads comparisons, BETWEEN, IN lists and JSON validity as each engine prints them', () => {
    expect(rules('price > 0::numeric')).toEqual({ price: { min: 0, minExclusive: true } })
    expect(rules('(unit_price > 0)')).toEqual({ unit_price: { min: 0, minExclusive: true } })
    expect(rules('`quantity` > 0')).toEqual({ quantity: { min: 0, minExclusive: true } })
    expect(rules('salary >= 1000::numeric AND salary <= 500000::numeric')).toEqual({ salary: { min: 1000, minExclusive: false, max: 500000, maxExclusive: false } })
    expect(rules('(salary BETWEEN 1000 AND 500000)')).toEqual({ salary: { min: 1000, minExclusive: false, max: 500000, maxExclusive: false } })
    expect(rules("carrier::text = ANY (ARRAY['UPS'::character varying, 'DHL'::character varying, 'FedEx'::character varying]::text[])")).toEqual({ carrier: { values: ['UPS', 'DHL', 'FedEx'] } })
    expect(rules("`carrier` in ('UPS','DHL','it''s')")).toEqual({ carrier: { values: ['UPS', 'DHL', "it's"] } })
    expect(rules('discontinued in (0, 1)')).toEqual({ discontinued: { values: ['0', '1'] } })
    expect(rules('json_valid(`attributes`)')).toEqual({ attributes: { json: true } })
    expect(rules('0 < qty AND qty < 10')).toEqual({ qty: { min: 0, minExclusive: true, max: 10, maxExclusive: true } })
  })

  it('reads comparisons of two columns as an order to keep', () => {
    expect(readCheck('unit_cost <= unit_price')).toMatchObject({ understood: true, orders: [{ low: 'unit_cost', high: 'unit_price', strict: false }] })
    expect(readCheck('(ends_at > starts_at)')).toMatchObject({ understood: true, orders: [{ low: 'starts_at', high: 'ends_at', strict: true }] })
  })

  it('says what it does not understand', () => {
    expect(readCheck('weight_kg is null or weight_kg >= 0').understood).toBe(false)
    expect(readCheck('length(code) = 2').understood).toBe(false)
    expect(readCheck('a > 0 AND lower(b) = b')).toEqual({ rules: new Map(), orders: [], understood: false })
  })
})
