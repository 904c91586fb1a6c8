import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../../../test/app-harness'
import type { AppServices } from '../app-services'
import type { Dispatch } from './dispatcher'
import type { AppHandlers } from './handlers'

let services: AppServices
let dispatch: Dispatch

beforeAll(async () => {
  ;({ services, dispatch } = await createTestApp())
})
afterAll(async () => services.close())

describe('contract binding', () => {
  it('passes valid input to the service and returns its parsed result', async () => {
    const updated = await dispatch('settings.update', { theme: 'dark', editorFontSize: 16 })
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', editorFontSize: 16 } })
    const read = await dispatch('settings.get', {})
    expect(read).toMatchObject({ ok: true, value: { theme: 'dark', editorFontSize: 16 } })
  })

  it('rejects invalid input with INVALID_INPUT and the failing path, changing nothing', async () => {
    const before = await dispatch('settings.get', {})
    const bad = await dispatch('settings.update', { theme: 'purple' })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.error.code).toBe('INVALID_INPUT')
    expect(bad.error.detail?.issues?.[0]?.path).toBe('theme')
    expect(await dispatch('settings.update', { editorFontSize: 400 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('settings.update', { unknownKey: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('settings.get', {})).toEqual(before)
  })

  it('rejects unknown calls and prototype keys with NOT_FOUND', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })

  it('maps service errors to their stable code', async () => {
    expect(await dispatch('connections.delete', { id: 'does-not-exist' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('reports the local store facts', async () => {
    const info = await dispatch('app.info', {})
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', secretStorage: 'file' } })
    if (info.ok) expect((info.value as { vecVersion: string }).vecVersion).toMatch(/^v0\./)
  })
})

describe('error redaction', () => {
  it('masks credentials in unexpected errors before they leave the process or reach the log', async () => {
    const logged: string[] = []
    const failing = {
      'app.ping': () => {
        throw new Error('connect failed for postgres://bob:hunter2@db.internal/app')
      }
    } as unknown as AppHandlers
    const { createDispatcher } = await import('./dispatcher')
    const dispatchFailing = createDispatcher(failing, { redact: services.redact, onInternalError: (_call, message) => logged.push(message) })
    const envelope = await dispatchFailing('app.ping', {})
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(envelope)).not.toContain('hunter2')
    expect(logged.join('\n')).not.toContain('hunter2')
    expect(logged.join('\n')).toContain('postgres://bob:')
  })
})
