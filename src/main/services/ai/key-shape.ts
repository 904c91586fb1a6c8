import type { AiProviderConfig } from '../../../shared/contract/ai'
import { AppError } from '../../../shared/errors'

/** Bounds of any key: an HTTP header value the SDKs can send (printable ASCII, no spaces). */
export const KEY_MIN_LENGTH = 3
export const KEY_MAX_LENGTH = 2_048

/** Shapes of the providers' own keys; a provider with its own base URL (a proxy, Azure…) gets the generic rule. */
const SHAPES: Partial<Record<AiProviderConfig['kind'], { pattern: RegExp; example: string }>> = {
  openai: { pattern: /^sk-[A-Za-z0-9_-]{20,400}$/, example: 'sk-…' },
  anthropic: { pattern: /^sk-ant-[A-Za-z0-9_-]{20,400}$/, example: 'sk-ant-…' },
  gemini: { pattern: /^AIza[A-Za-z0-9_-]{30,100}$/, example: 'AIza…' }
}

function describeChar(code: number): string {
  if (code === 0x20) return 'a space'
  if (code === 0x09) return 'a tab'
  if (code === 0x0a || code === 0x0d) return 'a line break'
  if (code < 0x20 || code === 0x7f) return 'a control character'
  if (code === 0xa0 || code === 0x2007 || code === 0x202f) return 'a non-breaking space'
  if (code === 0x200b || code === 0xfeff) return 'an invisible zero-width character'
  return 'a non-ASCII character (often a curly quote or dash from copy-paste)'
}

/**
 * Checks a key before it is stored, so that a bad paste fails here with INVALID_INPUT instead of later in the SDK
 * (`Cannot convert argument to a ByteString…`). Surrounding whitespace is trimmed. Messages never echo the key.
 */
export function validateApiKey(provider: Pick<AiProviderConfig, 'kind' | 'label' | 'baseUrl'>, raw: string): string {
  const key = raw.trim()
  const fail = (message: string): never => {
    throw new AppError('INVALID_INPUT', `${provider.label}: ${message}`, { issues: [{ path: 'key', message }] })
  }
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i)
    if (code <= 0x20 || code >= 0x7f) fail(`the API key has ${describeChar(code)} at position ${i + 1}; keys are printable ASCII without spaces. Copy the key again.`)
  }
  if (key.length < KEY_MIN_LENGTH || key.length > KEY_MAX_LENGTH) fail(`an API key is ${KEY_MIN_LENGTH} to ${KEY_MAX_LENGTH} characters (got ${key.length}).`)
  const shape = provider.baseUrl ? undefined : SHAPES[provider.kind]
  if (shape && provider.kind === 'openai' && key.startsWith('sk-ant-')) fail('this looks like an Anthropic key; add it to an Anthropic provider.')
  if (shape && !shape.pattern.test(key)) {
    fail(`this does not look like a ${provider.kind === 'openai' ? 'OpenAI' : provider.kind === 'anthropic' ? 'Anthropic' : 'Gemini'} API key (they start with ${shape.example} and use letters, digits, - and _).`)
  }
  return key
}
