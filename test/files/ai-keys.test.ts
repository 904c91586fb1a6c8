import { afterAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/services/app-services'
import { createTestApp } from '../app-harness'

const opened: AppServices[] = []
afterAll(async () => {
  for (const s of opened) await s.close()
})

const OPENAI = 'sk-proj-Ab3_dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z'
const ANTHROPIC = 'sk-ant-api03-Ab3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z_-AA'
const GEMINI = 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'

describe('ai.setKey validates a key before storing it', async () => {
  const { services, dispatch } = await createTestApp()
  opened.push(services)
  const providers = [
    { id: 'oa', kind: 'openai', label: 'OpenAI', model: 'gpt-4.1-mini' },
    { id: 'an', kind: 'anthropic', label: 'Anthropic', model: 'claude-sonnet-4' },
    { id: 'ge', kind: 'gemini', label: 'Gemini', model: 'gemini-2.5-flash' },
    { id: 'local', kind: 'openai-compatible', label: 'Ollama', model: 'qwen', baseUrl: 'http://127.0.0.1:11434/v1' },
    // a provider's own kind behind a proxy: its keys need not have the vendor's shape
    { id: 'proxy', kind: 'openai', label: 'Proxy', model: 'gpt', baseUrl: 'https://llm.example.com/v1' }
  ]
  expect(await dispatch('ai.settings.update', { providers })).toMatchObject({ ok: true })
  const hasKey = async (id: string) => {
    const r = (await dispatch('ai.settings.get', {})) as { value: { providers: { id: string; hasKey: boolean }[] } }
    return r.value.providers.find((p) => p.id === id)!.hasKey
  }
  const storedKey = (id: string) => (services.store.db.prepare('select provider_id from ai_keys where provider_id = ?').get(id) ? true : false)

  it.each([
    ['oa', 'sk-abc\u201d123456789012345678901234', 'non-ASCII character'],
    ['oa', 'sk-abc 1234567890123456789012345', 'a space'],
    ['oa', 'sk-abc\n1234567890123456789012345', 'a line break'],
    ['oa', 'sk-abc\u00a01234567890123456789012345', 'non-breaking space'],
    ['oa', 'sk-abc\u200b1234567890123456789012345', 'zero-width'],
    ['oa', 'sk-abc\u00071234567890123456789012345', 'control character'],
    ['oa', 'not-an-openai-key-1234567890', 'OpenAI API key'],
    ['oa', ANTHROPIC, 'Anthropic key'],
    ['an', OPENAI, 'Anthropic API key'],
    ['ge', 'sk-1234567890123456789012345678901234', 'Gemini API key'],
    ['ge', 'AIza123', 'Gemini API key'],
    ['local', 'x'.repeat(3000), 'characters'],
    ['local', 'ab', 'characters']
  ])('refuses %s key %j (%s)', async (providerId, key, reason) => {
    const r = await dispatch('ai.setKey', { providerId, key })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(reason) } })
    // the message never echoes the key
    if (key.length > 8) expect(JSON.stringify(r)).not.toContain(key.slice(3, 20))
    expect(storedKey(providerId)).toBe(false)
  })

  it('stores well-formed keys (trimmed), local and proxy keys of any sane shape, and deletes with null', async () => {
    for (const [id, key] of [
      ['oa', `  ${OPENAI}\n`],
      ['an', ANTHROPIC],
      ['ge', GEMINI],
      ['local', 'ollama'],
      ['proxy', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl']
    ]) {
      expect(await dispatch('ai.setKey', { providerId: id, key }), id).toEqual({ ok: true, value: { ok: true } })
      expect(await hasKey(id)).toBe(true)
    }
    expect(await dispatch('ai.setKey', { providerId: 'oa', key: null })).toEqual({ ok: true, value: { ok: true } })
    expect(await hasKey('oa')).toBe(false)
  })
})
