import { AppError } from '../../../shared/errors'

interface Target {
  host?: string
  port?: number
  user?: string
  connectTimeoutMs: number
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|CERT_|HOSTNAME_MISMATCH)/

/**
 * Network-level failures every driver shares (DNS, refused port, timeout, TLS, dropped socket), mapped to stable codes.
 * Returns undefined when the error is not one of them, so the driver maps it with its engine's rules.
 */
export function mapNetworkError(err: unknown, target: Target): AppError | undefined {
  const e = err as { code?: string; message?: string; errno?: string; cause?: unknown; errors?: unknown[] }
  const code = e.code ?? e.errno ?? ''
  const message = e.message ?? String(err)
  const where = target.host ? `${target.host}${target.port ? `:${target.port}` : ''}` : 'the server'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/i.test(message)) {
    return new AppError('HOST_NOT_FOUND', `Unknown host "${target.host}": check the host name.`)
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new AppError('CONNECTION_REFUSED', `Connection refused by ${where}: is the server running and listening on that port?`)
  }
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || /timeout|timed out/i.test(message)) {
    return new AppError('TIMEOUT', `No answer from ${where} within ${Math.round(target.connectTimeoutMs / 100) / 10} s (connect timeout).`)
  }
  if (TLS_CODES.test(code) || /\b(ssl|tls|certificate)\b/i.test(message)) {
    return new AppError('SSL_ERROR', `SSL/TLS problem with ${where}: ${message}`)
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new AppError('CONNECTION_REFUSED', `${where} is unreachable from this machine (${code}).`)
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /terminated unexpectedly|not queryable|Connection terminated|connection lost|socket hang up|closed the connection|Connection is closed/i.test(message)) {
    return new AppError('CONNECTION_LOST', `The connection to ${where} was lost: ${message}`)
  }
  if (e.cause && e.cause !== err) return mapNetworkError(e.cause, target)
  // AggregateError (tedious tries each address in sequence)
  for (const inner of e.errors ?? []) {
    const mapped = inner !== err ? mapNetworkError(inner, target) : undefined
    if (mapped) return mapped
  }
  return undefined
}
