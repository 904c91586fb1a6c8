import { afterEach, describe, expect, it } from 'vitest'
import type { CallInput, CallName, CallOutput } from '../src/shared/contract'
import { createTestApp } from './app-harness'
import { dispatchValue } from './support/dispatch-value'

type TestApp = Awaited<ReturnType<typeof createTestApp>>

const call = <K extends CallName>(app: TestApp, name: K, input: CallInput<K>): Promise<CallOutput<K>> => dispatchValue(app.dispatch, name, input)

/**
 * A settings or connection patch changes only the fields it names: zod's `.partial()` would have filled every other
 * field with its default and overwritten what is stored (AI providers and their keys, a connection's host).
 */
describe('patches change only what they name', () => {
  let app: TestApp | undefined
  afterEach(async () => {
    await app?.services.close()
    app = undefined
  })

  it('an AI settings patch keeps the providers and their keys', async () => {
    app = await createTestApp()
    const provider = { id: 'local', kind: 'openai-compatible' as const, label: 'Local', enabled: true, baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' }
    await call(app!, 'ai.settings.update', { providers: [provider, { ...provider, id: 'remote', kind: 'openai', baseUrl: undefined, model: 'gpt-4.1' }] })
    await call(app, 'ai.setKey', { providerId: 'remote', key: 'sk-test-patch-0123456789' })
    await call(app!, 'ai.settings.update', { cacheEnabled: false })
    await call(app!, 'ai.settings.update', { routing: { enabled: true, simple: 'remote', complex: 'auto' } })
    const view = await call(app, 'ai.settings.get', {})
    expect(view.providers.map((p) => [p.id, p.hasKey])).toEqual([['local', false], ['remote', true]])
    expect(view.cacheEnabled).toBe(false)
    expect(view.routing.simple).toBe('remote')
  })

  it('an app settings patch and a connection rename keep the other fields', async () => {
    app = await createTestApp()
    await call(app, 'settings.update', { theme: 'dark' })
    await call(app, 'settings.update', { editorFontSize: 16 })
    expect(await call(app, 'settings.get', {})).toMatchObject({ theme: 'dark', editorFontSize: 16 })
    const created = await call(app, 'connections.create', { name: 'pg', dialect: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', readOnly: false })
    const renamed = await call(app, 'connections.update', { id: created.id, patch: { name: 'pg renamed' } })
    expect(renamed).toMatchObject({ name: 'pg renamed', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' })
  })
})
