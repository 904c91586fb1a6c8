import type { z } from 'zod'
import { appCalls } from './app'
import { aiCalls, aiEvents } from './ai'
import { aiValueCalls, aiValueEvents } from './ai-values'
import { aiConversationCalls } from './ai-conversations'
import { aiCompleteCalls } from './ai-complete'
import { connectionCalls, connectionEvents } from './connections'
import { queryCalls, queryEvents } from './query'
import { historyCalls, historyEvents } from './history'
import { tabsCalls } from './tabs'
import { exportCalls, exportEvents } from './export'
import { schemaCalls, schemaEvents } from './schema'
import { docsCalls, docsEvents } from './docs'
import { dialogCalls } from './dialogs'
import { planCalls } from './plan'
import { dataCalls } from './data'
import { importCalls, importEvents } from './import'
import { auditCalls } from './audit'
import { mockdataCalls, mockdataEvents } from './mockdata'
import { piiCalls, piiEvents } from './pii'
import { activityCalls } from './activity'
import { compareCalls } from './compare'
import type { CallSpec } from './define'

/** Every call the renderer can make, by name. Each area owns one file; this only gathers them. */
export const calls = {
  ...appCalls,
  ...connectionCalls,
  ...queryCalls,
  ...historyCalls,
  ...tabsCalls,
  ...exportCalls,
  ...schemaCalls,
  ...aiCalls,
  ...aiValueCalls,
  ...aiConversationCalls,
  ...aiCompleteCalls,
  ...docsCalls,
  ...dialogCalls,
  ...planCalls,
  ...dataCalls,
  ...importCalls,
  ...auditCalls,
  ...mockdataCalls,
  ...piiCalls,
  ...activityCalls,
  ...compareCalls
} satisfies Record<string, CallSpec>

/** Every event main pushes to the renderer, by name. */
export const events = {
  ...connectionEvents,
  ...queryEvents,
  ...historyEvents,
  ...exportEvents,
  ...schemaEvents,
  ...aiEvents,
  ...aiValueEvents,
  ...docsEvents,
  ...importEvents,
  ...mockdataEvents,
  ...piiEvents
} satisfies Record<string, z.ZodType>

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

/** The typed surface both transports give the renderer (window.api in Electron, a WebSocket client in web mode). */
export interface Api {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void
}

/** The envelope every transport returns: errors keep their stable code across IPC and JSON. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: import('../errors').AppErrorShape }

export * from './app'
export * from './connections'
export * from './query'
export * from './history'
export * from './tabs'
export * from './export'
export * from './schema'
export * from './define'
export * from './ai'
export * from './ai-values'
export * from './ai-conversations'
export * from './docs'
export * from './dialogs'
export * from './plan'
export * from './data'
export * from './import'
export * from './audit'
export * from './mockdata'
export * from './pii'
export * from './activity'
export * from './compare'
