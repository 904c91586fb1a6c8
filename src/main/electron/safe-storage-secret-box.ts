import { safeStorage } from 'electron'
import { AppError } from '../../shared/errors'
import type { SecretBox } from '../services/connections/secret-box'

const PREFIX = 'os1:'

/** Electron: secrets encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet) via safeStorage. */
export class SafeStorageSecretBox implements SecretBox {
  readonly kind = 'os' as const

  /**
   * A notice for the UI when the OS offers no real keychain: on Linux without a secret service, Electron falls
   * back to 'basic_text', which only obfuscates with a fixed key.
   */
  static weakness(): string | undefined {
    if (!safeStorage.isEncryptionAvailable()) return 'No OS keychain is available: saved passwords cannot be stored.'
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No keyring (GNOME Keyring / KWallet) was found: saved passwords are only obfuscated, not encrypted with a key of yours.'
    }
    return undefined
  }

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
