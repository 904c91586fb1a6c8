import { describe, expect, it } from 'vitest'
import { hintedSchemas } from './domain-hint'

const schemas = new Set(['shop', 'stg_shop', 'shop_archive', 'hr', 'lab', 'Sales'])

describe('hintedSchemas', () => {
  it('reads a "Domain:" prefix or a first word that is a schema name', () => {
    expect([...hintedSchemas('Shop: orders paid by PayPal', schemas)]).toEqual(['shop'])
    expect([...hintedSchemas('HR: average salary per department', schemas)]).toEqual(['hr'])
    expect([...hintedSchemas('Lab reagent supply orders still open', schemas)]).toEqual(['lab'])
    expect([...hintedSchemas('sales: top reps', schemas)]).toEqual(['Sales'])
  })
  it('finds no hint in a plain question or a later colon', () => {
    expect(hintedSchemas('Orders shipped to the lab last week', schemas).size).toBe(0)
    expect(hintedSchemas('Orders with a note like "shop: closed"', schemas).size).toBe(0)
    expect(hintedSchemas('Hospital: discharges by diagnosis', schemas).size).toBe(0)
  })
})
