import { AppError } from '../../../shared/errors'

const MASK = '••••••'
const MIN_SECRET_LENGTH = 3

/**
 * Removes secrets from text bound for logs, errors and history: every secret the app currently holds in clear
 * (registered while in use) and any `user:password@` in a URL or `password=...` in a connection string.
 */
export class Redactor {
  private readonly secrets = new Map<string, number>()

  /** Registers a secret in use; returns a function that unregisters it. */
  track(secret: string | undefined | null): () => void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return () => {}
    this.secrets.set(secret, (this.secrets.get(secret) ?? 0) + 1)
    return () => {
      const n = (this.secrets.get(secret) ?? 1) - 1
      if (n <= 0) this.secrets.delete(secret)
      else this.secrets.set(secret, n)
    }
  }

  redact(text: string): string {
    let out = text
    // longest first, so that a secret containing another is masked whole
    for (const secret of [...this.secrets.keys()].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK)
    return redactUrlCredentials(out)
  }

  /** The same error with its message (and string detail fields) redacted; non-AppErrors become INTERNAL. */
  error(err: unknown): AppError {
    if (err instanceof AppError) {
      const detail = err.detail
        ? Object.fromEntries(Object.entries(err.detail).map(([k, v]) => [k, typeof v === 'string' ? this.redact(v) : v]))
        : undefined
      return new AppError(err.code, this.redact(err.message), detail)
    }
    return new AppError('INTERNAL', this.redact(err instanceof Error ? err.message : String(err)))
  }
}

export function redactUrlCredentials(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${MASK}@`)
    .replace(/\b(password|pwd|passphrase)\s*=\s*('[^']*'|"[^"]*"|[^;\s&]+)/gi, `$1=${MASK}`)
}
