import { safeStorage } from 'electron'
import { AppError } from '../../shared/errors'
import type { SecretBox } from '../services/connections/secret-box'

const PREFIX = 'os1:'

/** Electron: secrets encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet) via safeStorage. */
export class SafeStorageSecretBox implements SecretBox {
  readonly kind = 'os' as const

  encrypt(plaintext: string): string {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new AppError('UNSUPPORTED', 'The operating system keychain is not available, so secrets cannot be saved.')
    }
    return PREFIX + safeStorage.encryptString(plaintext).toString('base64')
  }

  decrypt(ciphertext: string): string {
    if (!ciphertext.startsWith(PREFIX)) throw new AppError('INTERNAL', 'A stored secret has an unknown format; enter it again.')
    try {
      return safeStorage.decryptString(Buffer.from(ciphertext.slice(PREFIX.length), 'base64'))
    } catch {
      throw new AppError('INTERNAL', 'A stored secret could not be decrypted by the OS keychain; enter it again.')
    }
  }
}
