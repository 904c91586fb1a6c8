import { describe, expect, it } from 'vitest'
import { ibanValid, inseeValid, luhnValid, ninoValid, ssnValid, steuerIdValid } from '../../src/main/services/pii/detect/checksums'
import { classifyColumn } from '../../src/main/services/pii/detect/classify-column'
import { embeddedHits } from '../../src/main/services/pii/detect/embedded'
import { maskValue } from '../../src/main/services/pii/detect/mask'
import { nameEvidence } from '../../src/main/services/pii/detect/name-evidence'
import { isStreetLine, personNameShape } from '../../src/main/services/pii/detect/person-patterns'
import { cardCheck, ibanCheck, isEmail, isIpAddress, nationalIdCheck, phoneShape } from '../../src/main/services/pii/detect/value-patterns'

describe('checksums', () => {
  it('Luhn, IBAN mod-97 and the national id rules', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(ibanValid('DE89370400440532013000')).toBe(true)
    expect(ibanValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanValid('DE89370400440532013001')).toBe(false)
    expect(ibanValid('DE8937040044053201300')).toBe(false) // wrong length for DE
    expect(ssnValid('123456789')).toBe(true)
    expect(ssnValid('666123456')).toBe(false)
    expect(ssnValid('900123456')).toBe(false)
    expect(ssnValid('123006789')).toBe(false)
    expect(ninoValid('AB123456C')).toBe(true)
    expect(ninoValid('GB123456C')).toBe(false)
    expect(ninoValid('DA123456C')).toBe(false)
    expect(inseeValid('185057800608491')).toBe(true)
    expect(inseeValid('185057800608436')).toBe(false)
    expect(inseeValid('2690549588157' + '80')).toBe(true)
    expect(steuerIdValid('86095742719')).toBe(true)
    expect(steuerIdValid('86095742718')).toBe(false)
    expect(steuerIdValid('12345678903')).toBe(false) // every digit once: not an issued id
  })
})

describe('value patterns', () => {
  it('recognise each kind and reject look-alikes', () => {
    expect(isEmail('otho.goyette128@example.com')).toBe(true)
    expect(isEmail('not an email@x')).toBe(false)
    expect(phoneShape('+16648588886')).toBe('formatted')
    expect(phoneShape('(802) 713-4900')).toBe('formatted')
    expect(phoneShape('+44 20 7946 0958')).toBe('formatted')
    expect(phoneShape('06 12 34 56 78')).toBe('formatted')
    expect(phoneShape('8027134900')).toBe('digits')
    expect(phoneShape('2024-01-05')).toBeNull()
    expect(cardCheck('4111 1111 1111 1111')).toEqual({ result: 'valid', brand: 'Visa' })
    expect(cardCheck('378282246310005')).toEqual({ result: 'valid', brand: 'American Express' })
    expect(cardCheck('4111111111111112')).toEqual({ result: 'shape' })
    expect(cardCheck('1234')).toBeNull()
    expect(ibanCheck('DE89 3704 0044 0532 0130 00')).toBe('valid')
    expect(ibanCheck('PRD-2024-XY')).toBeNull()
    expect(nationalIdCheck('123-45-6789', false)).toEqual({ result: 'valid', scheme: 'US SSN' })
    expect(nationalIdCheck('123456789', false)).toBeNull()
    expect(nationalIdCheck('AB 12 34 56 C', false)).toEqual({ result: 'valid', scheme: 'UK NINO' })
    expect(nationalIdCheck('1 85 05 78 006 084 91', false)).toEqual({ result: 'valid', scheme: 'FR INSEE' })
    expect(nationalIdCheck('86095742719', false)).toEqual({ result: 'valid', scheme: 'DE Steuer-ID' })
    expect(isIpAddress('192.168.1.20')).toBe(true)
    expect(isIpAddress('2001:db8::1')).toBe(true)
    expect(isIpAddress('1.2.3')).toBe(false)
    expect(isIpAddress('256.1.1.1')).toBe(false)
    expect(isStreetLine('6863 Brakus Heights')).toBe(true)
    expect(isStreetLine('90432 Lancaster Road Apt. 4')).toBe(true)
    expect(isStreetLine('Hauptstraße 5')).toBe(true)
    expect(isStreetLine('12 rue de Rivoli')).toBe(true)
    expect(isStreetLine('4 Ergonomic Steel Chairs')).toBe(false)
    expect(personNameShape('Otho Goyette')).toBe('known')
    expect(personNameShape('Dr. Alyssa Schmitt')).toBe('known')
    expect(personNameShape('Zyxwv Qqq')).toBe('shape')
    expect(personNameShape('SKU-1234')).toBeNull()
  })

  it('find personal data inside free text', () => {
    expect(embeddedHits('Called back, reach her at jane.doe@example.org or +44 20 7946 0958').map((h) => h.kind)).toEqual(['email', 'phone'])
    expect(embeddedHits('Paid with 4111 1111 1111 1111 yesterday').map((h) => h.kind)).toEqual(['payment_card'])
    expect(embeddedHits('Order 4111111111111112 shipped, box 12 of 40')).toEqual([])
  })
})

describe('column names', () => {
  it('name the kinds, and never read secrets', () => {
    expect([...nameEvidence('customers', 'email').kinds]).toEqual(['email'])
    expect([...nameEvidence('customers', 'birth_date').kinds]).toEqual(['date_of_birth'])
    expect([...nameEvidence('customers', 'first_name').kinds]).toEqual(['person_name'])
    expect([...nameEvidence('suppliers', 'company_name').kinds]).toEqual([])
    expect([...nameEvidence('users', 'email_address').kinds]).toEqual(['email'])
    expect([...nameEvidence('logins', 'client_ip').kinds]).toEqual(['ip_address'])
    expect(nameEvidence('addresses', 'postal_code')).toMatchObject({ postcode: true })
    expect(nameEvidence('users', 'password_hash').secret).toBe(true)
    expect(nameEvidence('people', 'age').age).toBe(true)
  })
})

describe('masking', () => {
  it('never shows a full value', () => {
    expect(maskValue('payment_card', '4111 1111 1111 1111')).toBe('4111********1111')
    expect(maskValue('iban', 'DE89370400440532013000')).toBe('DE89**************3000')
    expect(maskValue('email', 'otho.goyette128@example.com')).toBe('o***@example.com')
    expect(maskValue('phone', '(802) 713-4900')).toBe('(***) ***-**00')
    expect(maskValue('national_id', '123-45-6789')).toBe('***-**-**89')
    expect(maskValue('ip_address', '192.168.1.20')).toBe('192.*.*.*')
    expect(maskValue('date_of_birth', '1965-06-23')).toBe('1965-**-**')
    expect(maskValue('person_name', 'Otho Goyette')).toBe('O*** G******')
  })
})

describe('classifyColumn', () => {
  const values = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i))

  it('reports a card column with Luhn evidence and masked examples; 16-digit order numbers failing Luhn are not cards', () => {
    const cards = values(40, (i) => ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'][i % 4]!)
    const card = classifyColumn({ table: 'payments', column: 'card', type: 'text', values: cards })
    expect(card).toMatchObject({ kind: 'payment_card', matched: 40, sampled: 40 })
    expect(card!.confidence).toBeGreaterThan(0.9)
    expect(card!.evidence).toMatch(/^40\/40 sampled values are Luhn-valid card numbers/)
    expect(card!.examples).toEqual(['4111********1111', '5555********4444', '3782*******0005'])
    const orders = values(40, (i) => { const d = `4${String(100000000000000 + i * 7919).padStart(15, '0')}`; return luhnValid(d) ? `${d.slice(0, 15)}${(Number(d[15]) + 1) % 10}` : d })
    expect(classifyColumn({ table: 'orders', column: 'order_number', type: 'text', values: orders })).toBeNull()
  })

  it('names a birth date column, but not an ISO date column named for something else', () => {
    const dates = values(30, (i) => `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`)
    expect(classifyColumn({ table: 'customers', column: 'birth_date', type: 'text', values: dates })).toMatchObject({ kind: 'date_of_birth' })
    expect(classifyColumn({ table: 'customers', column: 'created_at', type: 'text', values: dates })).toBeNull()
  })

  it('finds free text holding emails, and leaves plain notes alone', () => {
    const notes = values(40, (i) => (i % 5 === 0 ? `Customer asked to be called back, mail to person${i}@example.org` : `Delivered on time, box ${i} was slightly damaged`))
    const found = classifyColumn({ table: 'tickets', column: 'notes', type: 'text', values: notes })
    expect(found).toMatchObject({ kind: 'free_text', matched: 8, detail: 'email' })
    expect(found!.examples[0]).toBe('…p***@example.org…')
    expect(classifyColumn({ table: 'tickets', column: 'notes', type: 'text', values: values(40, (i) => `Delivered on time, box ${i} was slightly damaged`) })).toBeNull()
  })

  it('a column named for a kind whose values say otherwise is not reported', () => {
    expect(classifyColumn({ table: 'contacts', column: 'phone', type: 'text', values: values(30, () => 'unknown') })).toBeNull()
    expect(classifyColumn({ table: 'users', column: 'password', type: 'text', values: ['a@b.example.com'] })).toBeNull()
  })
})

describe('decoys the planted data set does not hold', () => {
  const n = 60
  const column = (name: string, make: (i: number) => string) => classifyColumn({ table: 'catalog', column: name, type: 'text', values: Array.from({ length: n }, (_, i) => make(i)) })

  it('leave ISBNs, EANs, BICs, amounts, colours, versions, paths, URLs and coordinates unclassified', () => {
    expect(column('isbn', (i) => `978${String(3161484100 + i * 97).padStart(10, '0')}`)).toBeNull()
    expect(column('ean', (i) => `40${String(12345678901 + i * 131).padStart(11, '0')}`)).toBeNull()
    expect(column('bic', (i) => ['DEUTDEFF', 'COBADEFFXXX', 'BNPAFRPP', 'NWBKGB2L'][i % 4]!)).toBeNull()
    expect(column('amount', (i) => `${1000 + i * 17}.${i % 100}`)).toBeNull()
    expect(column('colour', (i) => `#${(0x100000 + i * 4099).toString(16)}`)).toBeNull()
    expect(column('release', (i) => `${1 + (i % 3)}.${i % 10}.${i % 7}`)).toBeNull()
    expect(column('path', (i) => `/var/data/2024/${i}/report-${i}.csv`)).toBeNull()
    expect(column('link', (i) => `https://shop.example.com/p/${1000 + i}?ref=home`)).toBeNull()
    expect(column('location', (i) => `${50 + i / 100},${8 + i / 50}`)).toBeNull()
    expect(column('title', (i) => ['The Old Man and the Sea', 'War and Peace', 'Pride and Prejudice', 'Moby Dick'][i % 4]!)).toBeNull()
  })
})
