import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProvider, type FakeProvider } from '../../../../../test/fake-provider/server'
import type { AiProviderConfig, AiProviderKind } from '../../../../shared/contract/ai'
import { chatWithFallback } from './fallback'
import { createProvider } from './registry'
import type { Provider } from './types'

let fake: FakeProvider
beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

function config(kind: AiProviderKind, model: string, extra: Partial<AiProviderConfig> = {}): AiProviderConfig {
  const base = { openai: '/openai/v1', 'openai-compatible': '/ollama/v1', anthropic: '/anthropic', gemini: '/gemini' }[kind]
  return { id: `${kind}-${model}`.replace(/[^a-z0-9_-]/g, '-').slice(0, 40), kind, label: `${kind}:${model}`, enabled: true, baseUrl: fake.url + base, model, contextTokens: 32000, maxOutputTokens: 512, timeoutMs: 5000, ...extra }
}

const kinds: AiProviderKind[] = ['openai', 'anthropic', 'gemini', 'openai-compatible']

describe('providers through the official SDKs against the fake server', () => {
  it.each(kinds)('%s streams token by token and reports usage', async (kind) => {
    fake.replies.push('SELECT id, name FROM customers WHERE active;')
    const p = createProvider(config(kind, 'm1'), 'sk-good')
    const tokens: string[] = []
    const r = await p.chat({ model: 'm1', system: 'You write SQL.', messages: [{ role: 'user', content: 'list customers' }], maxTokens: 100, signal: new AbortController().signal, onToken: (t) => tokens.push(t) })
    expect(tokens.length).toBeGreaterThan(3)
    expect(tokens.join('')).toBe('SELECT id, name FROM customers WHERE active;')
    expect(r.text).toBe(tokens.join(''))
    expect(r.inputTokens).toBeGreaterThan(0)
    expect(r.outputTokens).toBe(tokens.length)
    const req = fake.requests.at(-1)!
    expect(req.prompt).toContain('You write SQL.')
    expect(req.prompt).toContain('list customers')
  })

  it.each(kinds)('%s test() succeeds with a good key and fails with auth on a bad key', async (kind) => {
    await createProvider(config(kind, 'm1'), 'sk-good').test()
    await expect(createProvider(config(kind, 'm1'), 'sk-bad').test()).rejects.toMatchObject({ status: 401 })
  })

  it.each(['openai', 'gemini', 'openai-compatible'] as const)('%s embeds texts', async (kind) => {
    const p = createProvider(config(kind, 'm1', { embeddingModel: 'embed-1' }), 'sk-good')
    const v = await p.embed!(['orders by customer', 'employees'])
    expect(v).toHaveLength(2)
    expect(v[0].length).toBe(384)
    expect(v[0]).not.toEqual(v[1])
  })
})

describe('fallback chain', () => {
  it.each([
    ['fail-401', 'refused the API key'],
    ['fail-429', 'rate'],
    ['fail-500', 'server']
  ])('moves on after %s and says so', async (model, word) => {
    const chain: Provider[] = [createProvider(config('openai', model), 'sk-good'), createProvider(config('anthropic', 'claude-ok'), 'sk-good')]
    const fallbacks: string[] = []
    fake.replies.push('SELECT 2;')
    const r = await chatWithFallback(chain, { system: 's', messages: [{ role: 'user', content: 'q' }], signal: new AbortController().signal, onToken: () => {}, onFallback: (from, to, reason) => fallbacks.push(`${from.config.kind}->${to.config.kind}: ${reason}`) })
    expect(r.provider.config.kind).toBe('anthropic')
    expect(r.result.text).toBe('SELECT 2;')
    expect(fallbacks).toHaveLength(1)
    expect(fallbacks[0]).toMatch(new RegExp(`openai->anthropic: .*${word}`, 'i'))
  })

  it('moves on after a timeout', async () => {
    const chain = [createProvider(config('gemini', 'hang', { timeoutMs: 1000 }), 'sk-good'), createProvider(config('openai-compatible', 'llama'), '')]
    const reasons: string[] = []
    const r = await chatWithFallback(chain, { system: 's', messages: [{ role: 'user', content: 'q' }], signal: new AbortController().signal, onToken: () => {}, onFallback: (_f, _t, reason) => reasons.push(reason) })
    expect(r.provider.config.kind).toBe('openai-compatible')
    expect(reasons[0]).toMatch(/did not answer in time/)
  })

  it('gives up with the last error when every provider fails, and never retries a bad request', async () => {
    const chain = [createProvider(config('openai', 'fail-500'), 'sk-good'), createProvider(config('gemini', 'fail-429'), 'sk-good')]
    await expect(chatWithFallback(chain, { system: 's', messages: [{ role: 'user', content: 'q' }], signal: new AbortController().signal, onToken: () => {}, onFallback: () => {} })).rejects.toMatchObject({ kind: 'rate_limit' })
    const bad = [createProvider(config('openai', 'fail-400'), 'sk-good'), createProvider(config('gemini', 'ok'), 'sk-good')]
    await expect(chatWithFallback(bad, { system: 's', messages: [{ role: 'user', content: 'q' }], signal: new AbortController().signal, onToken: () => {}, onFallback: () => {} })).rejects.toMatchObject({ kind: 'bad_request' })
  })

  it.each(kinds)('cancel stops the %s stream', async (kind) => {
    fake.replies.push(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '))
    const before = fake.abortedStreams
    const ac = new AbortController()
    const tokens: string[] = []
    const p = createProvider(config(kind, 'slow'), 'sk-good')
    const run = chatWithFallback([p, createProvider(config('openai', 'other'), 'sk-good')], {
      system: 's', messages: [{ role: 'user', content: 'q' }], signal: ac.signal,
      onToken: (t) => { tokens.push(t); if (tokens.length === 3) ac.abort() },
      onFallback: () => { throw new Error('must not fall back on cancel') }
    })
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' })
    const seen = tokens.length
    await new Promise((r) => setTimeout(r, 300))
    expect(tokens.length).toBe(seen)
    expect(seen).toBeLessThan(10)
    await expect.poll(() => fake.abortedStreams).toBe(before + 1)
  })
})

describe('timeouts', () => {
  it('are idle timeouts: a stream slower in total than the timeout still completes while tokens keep coming', async () => {
    fake.replies.push(Array.from({ length: 30 }, (_, i) => `t${i}`).join(' ')) // 30 tokens × 50 ms = 1.5 s
    const p = createProvider(config('openai', 'slow', { timeoutMs: 1000 }), 'sk-good')
    const r = await chatWithFallback([p], { system: 's', messages: [{ role: 'user', content: 'q' }], signal: new AbortController().signal, onToken: () => {}, onFallback: () => {} })
    expect(r.result.text.split(' ')).toHaveLength(30)
  })
})
