import type { ConnectionOptions } from 'node:tls'
import type { ConnectParams } from './types'

/** Node TLS options for the four SSL modes (libpq semantics): require encrypts only, verify-ca checks the chain, verify-full also the host name. */
export function tlsOptions(ssl: ConnectParams['ssl']): ConnectionOptions | undefined {
  if (!ssl || ssl.mode === 'disable') return undefined
  const files = {
    ...(ssl.ca && { ca: ssl.ca }),
    ...(ssl.cert && { cert: ssl.cert }),
    ...(ssl.key && { key: ssl.key }),
    // through an SSH tunnel the socket goes to 127.0.0.1, but the certificate names the real host
    ...(ssl.serverName && { servername: ssl.serverName })
  }
  switch (ssl.mode) {
    case 'require':
      return { ...files, rejectUnauthorized: false }
    case 'verify-ca':
      return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined }
    case 'verify-full':
      return { ...files, rejectUnauthorized: true }
  }
}
