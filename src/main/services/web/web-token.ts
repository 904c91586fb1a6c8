import { randomBytes, timingSafeEqual } from 'node:crypto'

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** How long a page's resume secret outlives the WebSocket it was issued on: long enough for a reload. */
export const RESUME_GRACE_MS = 120_000

interface Resume {
  /** The connection it was issued on, while that connection is open. */
  open: boolean
  /** When it stops working once its connection has closed (ms since epoch). */
  expiresAt: number
}

/**
 * Per-page credentials that replace a cookie. A page that connected (with the launch token or a resume secret)
 * asks for a session: a resume secret (single use: it opens exactly one more WebSocket, for a reload, and dies
 * RESUME_GRACE_MS after the connection it came from closes) and a download key (valid only while that
 * connection is open). Nothing here is ever sent by the browser on its own, so another local origin that the
 * browser visits never receives it.
 */
export class PageSessions {
  private readonly resumes = new Map<string, Resume>()
  private readonly downloadKeys = new Set<string>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues the credentials for one open connection; `closed()` must be called when it closes. */
  issue(): { resume: string; download: string; closed: () => void } {
    this.sweep()
    const resume = newToken()
    const download = newToken()
    const entry: Resume = { open: true, expiresAt: Number.POSITIVE_INFINITY }
    this.resumes.set(resume, entry)
    this.downloadKeys.add(download)
    return {
      resume,
      download,
      closed: () => {
        entry.open = false
        entry.expiresAt = this.now() + RESUME_GRACE_MS
        this.downloadKeys.delete(download)
      }
    }
  }

  /** Whether a resume secret would be accepted (the 'expired' probe; does not use it up). */
  resumeValid(secret: string | null | undefined): boolean {
    this.sweep()
    return !!secret && this.resumes.has(secret)
  }

  /** Accepts a resume secret once: it is gone afterwards. */
  consumeResume(secret: string | null | undefined): boolean {
    if (!this.resumeValid(secret)) return false
    this.resumes.delete(secret!)
    return true
  }

  downloadKeyValid(key: string | null | undefined): boolean {
    return !!key && this.downloadKeys.has(key)
  }

  private sweep(): void {
    const now = this.now()
    for (const [secret, entry] of this.resumes) if (!entry.open && entry.expiresAt <= now) this.resumes.delete(secret)
  }
}
