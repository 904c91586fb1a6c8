import { ProviderFailure } from './types'

/**
 * Maps any SDK error (openai, @anthropic-ai/sdk, @google/genai all expose `status` on HTTP errors)
 * to a ProviderFailure. The message never includes request headers, so no key can leak through it.
 */
export function toProviderFailure(e: unknown, providerLabel: string, userSignal?: AbortSignal, timedOut?: boolean): ProviderFailure {
  if (e instanceof ProviderFailure) return e
  if (userSignal?.aborted) return new ProviderFailure('cancelled', 'Cancelled')
  const err = e as { status?: unknown; name?: string; message?: string; code?: string; cause?: { code?: string } }
  const status = typeof err?.status === 'number' ? err.status : undefined
  const name = err?.name ?? ''
  if (timedOut || /Timeout/i.test(name) || err?.code === 'ETIMEDOUT') return new ProviderFailure('timeout', `${providerLabel} did not answer in time`)
  if (status === 401 || status === 403) return new ProviderFailure('auth', `${providerLabel} refused the API key (HTTP ${status})`, status)
  if (status === 429) return new ProviderFailure('rate_limit', `${providerLabel} is rate limiting or out of quota (HTTP 429)`, status)
  if (status !== undefined && status >= 500) return new ProviderFailure('server', `${providerLabel} had a server error (HTTP ${status})`, status)
  if (status === 408) return new ProviderFailure('timeout', `${providerLabel} timed out (HTTP 408)`, status)
  if (status !== undefined) return new ProviderFailure('bad_request', `${providerLabel} rejected the request (HTTP ${status}): ${shortMessage(err?.message)}`, status)
  if (/Abort/i.test(name)) return new ProviderFailure('timeout', `${providerLabel} did not answer in time`)
  const code = err?.code ?? err?.cause?.code
  if (/Connection/i.test(name) || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || /fetch failed/i.test(err?.message ?? ''))
    return new ProviderFailure('network', `${providerLabel} is unreachable${code ? ` (${code})` : ''}`)
  return new ProviderFailure('server', `${providerLabel} failed: ${shortMessage(err?.message)}`)
}

function shortMessage(m: string | undefined): string {
  // Keys look like sk-..., AIza..., or long tokens; strip anything key-shaped before it reaches a log or the UI.
  return (m ?? 'unknown error').replace(/(sk-|AIza|Bearer\s+)[A-Za-z0-9_-]{6,}/g, '[redacted]').slice(0, 300)
}
