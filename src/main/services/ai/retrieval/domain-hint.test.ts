import { describe, expect, it } from 'vitest'
import { hintedSchemas, schemaTableWords } from './domain-hint'

const schemas = schemaTableWords(['shop.orders', 'stg_shop.orders', 'shop_archive.orders_2020', 'hr.emp', 'lab.patients', 'lab.wards', 'lab.admissions', 'stg_lab.patients', 'stg_lab.wards', 'stg_lab.admissions', 'hr.patient_plans', 'Sales.reps'])

describe('hintedSchemas', () => {
  it('reads a "Domain:" prefix or a first word that is a schema name', () => {
    expect([...hintedSchemas('Shop: orders paid by PayPal', schemas)]).toEqual(['shop'])
    expect([...hintedSchemas('HR: average salary per department', schemas)]).toEqual(['hr'])
    expect([...hintedSchemas('Lab reagent supply orders still open', schemas)]).toEqual(['lab'])
    expect([...hintedSchemas('sales: top reps', schemas)]).toEqual(['Sales'])
    expect([...hintedSchemas('In the HR database, who was hired last', schemas)]).toEqual(['hr'])
    expect([...hintedSchemas('Discharges this week from the hospital system', schemas)]).toEqual(['lab'])
  })
  it('finds no hint in a plain question or a later colon', () => {
    expect(hintedSchemas('Orders shipped to the lab last week', schemas).size).toBe(0)
    expect(hintedSchemas('Orders with a note like "shop: closed"', schemas).size).toBe(0)
  })
  it('reads a domain prefix that is no schema name by the tables its words and synonyms name', () => {
    expect([...hintedSchemas('Hospital: discharges by diagnosis', schemas)]).toEqual(['lab'])
    expect(hintedSchemas('Aviation: delayed flights', schemas).size).toBe(0)
    expect(hintedSchemas('Hospital wards with free beds', schemas).size).toBe(0)
  })
})
