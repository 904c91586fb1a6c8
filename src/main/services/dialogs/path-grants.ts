import { randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'

export type GrantKind = 'file' | 'folder'

/** How long a picked path stays usable: enough to fill in the rest of a form, not a standing permission. */
export const GRANT_TTL_MS = 15 * 60_000
const MAX_GRANTS = 64

/**
 * What the native pickers answered, kept on the main side: `dialogs.saveFile` / `dialogs.chooseFolder` return an
 * opaque one-time token with the path, and `export.start` / `docs.export` present the token, never a path. So the
 * renderer can only have files written where the user pointed a native dialog.
 */
export class PathGrants {
  private readonly grants = new Map<string, { kind: GrantKind; path: string; expires: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  issue(kind: GrantKind, path: string): string {
    const token = `g_${randomBytes(18).toString('base64url')}`
    this.grants.set(token, { kind, path, expires: this.now() + GRANT_TTL_MS })
    // a page that keeps opening pickers cannot grow the map without bound: the oldest grants go first
    while (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!)
    return token
  }

  /** The granted path, consumed (one use); INVALID_INPUT when unknown, used, expired or of the other kind. */
  take(token: string, kind: GrantKind): string {
    const grant = this.grants.get(token)
    if (grant) this.grants.delete(token)
    const what = kind === 'folder' ? 'folder' : 'file'
    if (!grant || grant.kind !== kind || grant.expires < this.now())
      throw new AppError('INVALID_INPUT', `This ${what} choice is no longer valid (each choice is used once and expires after ${GRANT_TTL_MS / 60_000} minutes); choose the ${what} again.`, {
        issues: [{ path: 'grant', message: 'unknown, used or expired grant' }]
      })
    return grant.path
  }
}
