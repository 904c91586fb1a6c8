import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { FileSecretBox } from './secret-box'
import { Redactor, redactUrlCredentials } from './redact'

const dir = mkdtempSync(join(tmpdir(), 'qg-secret-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('FileSecretBox', () => {
  it('creates a 32-byte key readable only by the user and round-trips secrets', () => {
    const keyPath = join(dir, 'nested', 'secret.key')
    const box = FileSecretBox.open(keyPath)
    expect(statSync(keyPath).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyPath).length).toBe(32)
    const c1 = box.encrypt('pässwörd ✓')
    const c2 = box.encrypt('pässwörd ✓')
    expect(c1).not.toBe(c2) // random IV
    expect(c1).not.toContain('pässwörd')
    expect(FileSecretBox.open(keyPath).decrypt(c1)).toBe('pässwörd ✓')
  })

  it('tightens a key file that others can read', () => {
    const keyPath = join(dir, 'loose.key')
    FileSecretBox.open(keyPath)
    chmodSync(keyPath, 0o644)
    FileSecretBox.open(keyPath)
    expect(statSync(keyPath).mode & 0o777).toBe(0o600)
  })

  it('refuses tampered ciphertext and a different key with a clear error, never garbage', () => {
    const box = FileSecretBox.open(join(dir, 'a.key'))
    const other = FileSecretBox.open(join(dir, 'b.key'))
    const c = box.encrypt('secret')
    const tampered = c.slice(0, -4) + (c.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    for (const attempt of [() => box.decrypt(tampered), () => other.decrypt(c), () => box.decrypt('plain')]) {
      expect(attempt).toThrow(AppError)
    }
  })

  it('rejects a damaged key file', () => {
    const keyPath = join(dir, 'short.key')
    writeFileSync(keyPath, 'short', { mode: 0o600 })
    expect(() => FileSecretBox.open(keyPath)).toThrow(/damaged/)
  })
})

describe('Redactor', () => {
  it('masks tracked secrets, URL credentials and password= pairs', () => {
    const r = new Redactor()
    r.track('hunter22')
    expect(r.redact('login failed for hunter22 at db')).toBe('login failed for •••••• at db')
    expect(redactUrlCredentials('postgres://bob:s3cr3t@h:5432/db')).toBe('postgres://bob:••••••@h:5432/db')
    expect(redactUrlCredentials('Server=h;User Id=sa;Password=abc;')).toBe('Server=h;User Id=sa;Password=••••••;')
  })

  it('keeps the code and redacts message and string details', () => {
    const r = new Redactor()
    r.track('topsecret')
    const e = r.error(new AppError('SQL_ERROR', 'near "topsecret"', { line: 1, sqlState: 'topsecret' }))
    expect(e.code).toBe('SQL_ERROR')
    expect(JSON.stringify(e.toShape())).not.toContain('topsecret')
    expect(r.error(new Error('x topsecret')).code).toBe('INTERNAL')
  })
})
