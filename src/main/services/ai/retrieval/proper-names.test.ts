import { describe, expect, it } from 'vitest'
import { MAX_NAMES, properNames } from './proper-names'

const schemaWords = new Set(['cd', 'kyc', 'dap', 'ldl', 'hdl', 'loinc', 'gl', 'iban', 'crew', 'release'])
const values = new Set(['milan', 'berlin', 'dhl', 'paypal', 'booking.com', 'germany'])
const explained = { word: (w: string) => schemaWords.has(w.toLowerCase()), phrase: (p: string) => values.has(p.toLowerCase()) }

describe('properNames', () => {
  it('looks up at most a few names of a sensible length', () => {
    const many = Array.from({ length: 40 }, (_, i) => `Name${String.fromCharCode(65 + (i % 26))}x${i}`).join(', ')
    expect(properNames(`Customers called ${many}`, explained)).toHaveLength(MAX_NAMES)
    expect(properNames(`Orders of ${'Verylongname '.repeat(10)}`, explained)).toEqual([])
  })
  it('finds names of things that no schema word or stored value explains', () => {
    expect(properNames('Songs by The Beatles that appear on CD releases', explained)).toEqual(['The Beatles'])
    expect(properNames("Most common genre among Björk's recordings", explained)).toEqual(['Björk'])
    expect(properNames('Merchandise sold for Metallica', explained)).toEqual(['Metallica'])
    expect(properNames('Airline: pilots who worked with captain Dupont', explained)).toEqual(['Dupont'])
    expect(properNames('Accounts held at Bank of America in Germany', explained)).toEqual(['Bank of America'])
    expect(properNames("Albums by Guns N' Roses on vinyl", explained)).toEqual(["Guns N' Roses"])
    expect(properNames('Tours of Metallica, Slayer and Megadeth', explained)).toEqual(['Metallica', 'Slayer', 'Megadeth'])
  })
  it('leaves out sentence starts, hints, calendar words, schema words and stored values', () => {
    expect(properNames('Items shipped to Milan last quarter', explained)).toEqual([])
    expect(properNames('Music: albums released in March by DHL', explained)).toEqual([])
    expect(properNames('Finance: accounts of customers with KYC status pending', explained)).toEqual([])
    expect(properNames('Top 10 sales reps by commission earned in Q3', explained)).toEqual([])
    expect(properNames('How many lipid panels (cholesterol, LDL, HDL) were ordered?', explained)).toEqual([])
    expect(properNames('Top Release By CD In Germany', explained)).toEqual([])
    expect(properNames('Top releases\nWith a CD', explained)).toEqual([])
    expect(properNames('Rows where "CustomerName" is set and `OrderDate` is recent, status \'Pending Review\'', explained)).toEqual([])
    expect(properNames('explain SELECT COUNT(*) FROM orders GROUP BY region in EMEA', explained)).toEqual([])
  })
})
