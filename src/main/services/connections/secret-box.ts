import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/errors'

/**
 * Encrypts secrets at rest (database passwords, SSH passphrases, AI keys). Ciphertext is an opaque string that
 * only the same box can open. Electron: OS keychain via safeStorage; web mode: FileSecretBox.
 */
export interface SecretBox {
  /** 'os' = OS keychain (Electron safeStorage); 'file' = key file in the data folder (web mode). */
  readonly kind: 'os' | 'file'
  encrypt(plaintext: string): string
  decrypt(ciphertext: string): string
}

const PREFIX = 'qg1:'
const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Web-mode fallback: AES-256-GCM with a random 32-byte key kept in a file only the user can read (mode 0600).
 * Anyone who can read that file as this user can decrypt the secrets; the app shows a notice saying so.
 */
export class FileSecretBox implements SecretBox {
  readonly kind = 'file' as const

  private constructor(private readonly key: Buffer) {}

  static open(keyPath: string): FileSecretBox {
    let key: Buffer
    try {
      key = readFileSync(keyPath)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 })
      key = randomBytes(KEY_BYTES)
      try {
        writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' })
      } catch (writeErr) {
        // another process created it first: use theirs
        if ((writeErr as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErr
        key = readFileSync(keyPath)
      }
    }
    if (key.length !== KEY_BYTES) throw new AppError('INTERNAL', `The secret key file ${keyPath} is damaged (expected ${KEY_BYTES} bytes).`)
    if (process.platform !== 'win32' && (statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600)
    return new FileSecretBox(key)
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  decrypt(ciphertext: string): string {
    if (!ciphertext.startsWith(PREFIX)) throw new AppError('INTERNAL', 'A stored secret has an unknown format; enter it again.')
    const raw = Buffer.from(ciphertext.slice(PREFIX.length), 'base64')
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new AppError('INTERNAL', 'A stored secret could not be decrypted (the key file changed?); enter it again.')
    }
  }
}
