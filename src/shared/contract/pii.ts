import { z } from 'zod'
import { AppErrorShape } from '../errors'
import { call, Id, Ok } from './define'

export const PiiJobId = z.string().regex(/^p_[A-Za-z0-9_-]{6,64}$/, 'not a PII scan job id')

/** What kind of personal data a column holds. */
export const PiiKind = z.enum(['email', 'phone', 'person_name', 'postal_address', 'national_id', 'payment_card', 'iban', 'ip_address', 'date_of_birth', 'free_text'])
export type PiiKind = z.infer<typeof PiiKind>

/** One classified column. Values are read locally and never leave the machine; examples are masked. */
export const PiiFinding = z.object({
  schema: z.string(),
  table: z.string(),
  column: z.string(),
  kind: PiiKind,
  /** 0–1, from the column name, the share of sampled values that match, and checksums where the kind has one. */
  confidence: z.number().min(0).max(1),
  /** In words: `37/200 sampled values are Luhn-valid card numbers; the column name says card`. */
  evidence: z.string(),
  sampled: z.number().int(),
  matched: z.number().int(),
  /** At most 3, masked (`4111********1111`): never a full value. */
  examples: z.array(z.string()).max(3),
  /** National ids: the schemes seen (`US SSN`); free text: the kinds found inside it (`email, phone`). */
  detail: z.string().optional()
})
export type PiiFinding = z.infer<typeof PiiFinding>

export const PiiScanState = z.enum(['none', 'running', 'done', 'cancelled', 'error'])

export const PiiReport = z.object({
  connectionId: Id,
  state: PiiScanState,
  /** When the kept findings were made (ISO 8601); null before the first complete scan. */
  scannedAt: z.string().nullable(),
  columnsScanned: z.number().int(),
  /** Columns whose sample could not be read (timed out, refused, failed). */
  columnsFailed: z.number().int(),
  findings: z.array(PiiFinding),
  /** While a scan runs. */
  jobId: PiiJobId.nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  error: z.string().nullable()
})
export type PiiReport = z.infer<typeof PiiReport>

const ForConnection = z.object({ connectionId: Id }).strict()

export const piiCalls = {
  /** Samples every text, date and number column (bounded, read-only) in the background; `pii.progress` reports. */
  'pii.scan.start': call(ForConnection, z.object({ jobId: PiiJobId })),
  'pii.scan.cancel': call(z.object({ jobId: PiiJobId }).strict(), Ok),
  /** The findings of the last complete scan, and the running scan's progress. */
  'pii.report': call(ForConnection, PiiReport),
  /** The findings to a file in the data folder's exports area (offered as a download in web mode). */
  'pii.export': call(z.object({ connectionId: Id, format: z.enum(['json', 'csv']) }).strict(), z.object({ path: z.string(), exportId: z.string(), count: z.number().int() }))
}

export const piiEvents = {
  'pii.progress': z.object({
    jobId: PiiJobId,
    connectionId: Id,
    state: z.enum(['running', 'done', 'cancelled', 'error']),
    done: z.number().int(),
    total: z.number().int(),
    findings: z.number().int(),
    error: AppErrorShape.optional()
  })
}
