import type { z } from 'zod'
import { ConnectionInput, type ConnectionProfile } from '../../../../shared/contract/connections'
import { factsOf } from '../../../../shared/engines'
import { fileNameOf } from '../../../../shared/file-name'

/** The dialog's editable values; secrets stay in this form only until Save/Test sends them to main. */
export type ConnectionForm = z.input<typeof ConnectionInput> & { password?: string | null; sshSecret?: string | null }

/** The form's engine opens a file rather than connecting to host:port. */
export const isFileBased = (form: ConnectionForm): boolean => factsOf(form.dialect).fileBased

export function emptyForm(): ConnectionForm {
  return {
    name: '',
    dialect: 'postgres',
    host: 'localhost',
    database: '',
    user: '',
    tag: 'none',
    readOnly: false,
    connectTimeoutMs: 10_000,
    ssl: { mode: 'disable' },
    ssh: { enabled: false, host: '', port: 22, user: '', auth: 'password' }
  }
}

export function formFromProfile(p: ConnectionProfile): ConnectionForm {
  const { id: _id, builtin: _b, hasPassword: _h, hasSshSecret: _s, ...rest } = p
  return { ...rest }
}

/** What an unnamed connection is called: "db @ host:port" (as a pasted URL names it), or the database file's name. */
export function suggestedName(form: ConnectionForm): string {
  if (isFileBased(form)) return fileNameOf(form.filePath?.trim() ?? '')
  const host = form.host?.trim() || 'localhost'
  const where = form.port ? `${host}:${form.port}` : host
  return form.database?.trim() ? `${form.database.trim()} @ ${where}` : where
}

/** Drops empty optional strings so zod defaults apply and `''` never overwrites a saved value by accident. */
export function cleanForm(form: ConnectionForm): ConnectionForm {
  const out: ConnectionForm = { ...form }
  if (out.password === '') delete out.password
  if (out.sshSecret === '') delete out.sshSecret
  for (const key of ['filePath', 'defaultSchema', 'color'] as const) if (out[key] === '') delete out[key]
  if (out.port === undefined || Number.isNaN(out.port)) delete out.port
  if (isFileBased(out)) {
    out.ssh = { ...(out.ssh ?? { host: '', port: 22, user: '', auth: 'password' }), enabled: false }
  }
  return out
}

/** Plain words for the numeric fields, instead of zod's "Too big: expected number to be <=65535" (and ms where the field shows seconds). */
const rangeMessages: Record<string, string> = {
  port: 'Port must be a whole number from 1 to 65535',
  'ssh.port': 'SSH port must be a whole number from 1 to 65535',
  connectTimeoutMs: 'Timeout must be between 0.5 and 120 seconds'
}

/** zod issues by field path (`name`, `port`, `ssh.host`), shown next to each field. */
export function validate(form: ConnectionForm): Record<string, string> {
  const errors: Record<string, string> = {}
  const result = ConnectionInput.safeParse(cleanForm(form))
  if (!result.success) for (const issue of result.error.issues) errors[issue.path.join('.')] ??= rangeMessages[issue.path.join('.')] ?? issue.message
  if (isFileBased(form) && !form.filePath?.trim()) errors.filePath = 'Choose the database file'
  if (!isFileBased(form) && !form.host?.trim()) errors.host = 'Host is required'
  if (form.ssh?.enabled) {
    if (!form.ssh.host?.trim()) errors['ssh.host'] = 'SSH host is required'
    if (!form.ssh.user?.trim()) errors['ssh.user'] = 'SSH user is required'
    if (form.ssh.auth === 'key' && !form.ssh.privateKeyPath?.trim()) errors['ssh.privateKeyPath'] = 'Choose the private key file'
  }
  return errors
}
