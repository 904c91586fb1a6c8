import { writeAuditEntries, writeAuditExport } from '../main/services/audit/audit-export'
import { verifyChain } from '../main/services/audit/verify-chain'
import { defaultWebDataDir } from '../main/services/paths'
import type { CliIo } from './docs-command'
import { openAuditStore } from './audit-store'

/** The verdict on a data folder's audit log, as the CLI prints it. */
export function verifyAudit(dataDir = defaultWebDataDir()): { ok: boolean; text: string } {
  const store = openAuditStore(dataDir)
  try {
    if (!store.repo) return { ok: true, text: `0 entries verified (${store.path} has no audit log yet)\n` }
    const verdict = verifyChain(store.repo.all(), store.repo.anchor(), store.repo.head())
    const pruned = verdict.anchor ? ` (after ${verdict.anchor.seq} entries pruned by retention)` : ''
    if (verdict.ok) return { ok: true, text: `${verdict.count} entries verified${pruned}; head ${verdict.headHash}\n` }
    return { ok: false, text: `audit log check failed at entry ${verdict.seq} (${verdict.reason}): ${verdict.message}. ${verdict.count} entries before it verified${pruned}.\n` }
  } finally {
    store.close()
  }
}

/** Writes the log to `out`, or to standard output; returns the number of entries. */
export function exportAudit(dataDir = defaultWebDataDir(), format: 'csv' | 'json', out: string | undefined, io: CliIo): number {
  const store = openAuditStore(dataDir)
  try {
    const entries = store.repo?.all() ?? []
    const anchor = store.repo?.anchor() ?? null
    return out ? writeAuditExport(out, format, entries, anchor) : writeAuditEntries(io.out, format, entries, anchor)
  } finally {
    store.close()
  }
}
