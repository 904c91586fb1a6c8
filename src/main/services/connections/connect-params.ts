import { readFileSync } from 'node:fs'
import type { ConnectionProfile } from '../../../shared/contract/connections'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { ConnectParams } from '../drivers/types'

function readPem(path: string | undefined, what: string): string | undefined {
  if (!path?.trim()) return undefined
  let text: string
  try {
    text = readFileSync(path.trim(), 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (err as Error).message
    throw new AppError('SSL_ERROR', `Cannot read the SSL ${what} file ${path}: ${why}.`)
  }
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new AppError('SSL_ERROR', `The SSL ${what} file ${path} is not a PEM file.`)
  return text
}

/** Driver parameters for a profile: secrets in clear (short-lived), SSL files read and checked. */
export function connectParamsFor(profile: ConnectionProfile, password: string | undefined): ConnectParams {
  const params: ConnectParams = {
    dialect: profile.dialect,
    readOnly: profile.readOnly,
    connectTimeoutMs: profile.connectTimeoutMs,
    defaultSchema: profile.defaultSchema || undefined
  }
  const facts = factsOf(profile.dialect)
  if (facts.fileBased) return { ...params, filePath: profile.filePath }
  const ssl = profile.ssl
  return {
    ...params,
    host: profile.host || '127.0.0.1',
    port: profile.port ?? facts.defaultPort ?? undefined,
    database: profile.database || undefined,
    user: profile.user || undefined,
    password,
    ssl:
      ssl.mode === 'disable'
        ? { mode: 'disable' }
        : { mode: ssl.mode, ca: readPem(ssl.caPath, 'CA certificate'), cert: readPem(ssl.certPath, 'client certificate'), key: readPem(ssl.keyPath, 'client key') }
  }
}
