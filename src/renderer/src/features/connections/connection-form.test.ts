import { describe, expect, it } from 'vitest'
import { emptyForm, suggestedName, validate } from './connection-form'

describe('connection form', () => {
  it('suggests "db @ host:port" for an unnamed server connection and the file name for SQLite', () => {
    expect(suggestedName({ ...emptyForm(), host: 'db.local', port: 5433, database: 'sales' })).toBe('sales @ db.local:5433')
    expect(suggestedName({ ...emptyForm(), host: ' ', database: '' })).toBe('localhost')
    expect(suggestedName({ ...emptyForm(), dialect: 'sqlite', filePath: '/data/shop.db' })).toBe('shop.db')
  })

  it('says the allowed range in words for port and timeout, in the seconds the field shows', () => {
    const errors = validate({ ...emptyForm(), name: 'x', port: 99_999, connectTimeoutMs: 200_000 })
    expect(errors.port).toBe('Port must be a whole number from 1 to 65535')
    expect(errors.connectTimeoutMs).toBe('Timeout must be between 0.5 and 120 seconds')
    expect(validate({ ...emptyForm(), name: 'x', port: 5432 })).toEqual({})
  })
})
