import type { z } from 'zod'
import type { CallSpec, Calls, EventName, EventPayload } from '../../../shared/contract'

/** Pushes an event to every connected renderer (Electron windows or authorised web clients). */
export interface EventSink {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void
}

/** A handler receives input already parsed by the call's zod schema; its result is parsed by the output schema. */
export type Handler<C extends CallSpec> = (input: z.output<C['input']>) => Promise<z.input<C['output']>> | z.input<C['output']>

export type HandlerMap<T extends Record<string, CallSpec>> = { [K in keyof T]: Handler<T[K]> }

/** All handlers of the app: a missing one is a compile error in the composition root. */
export type AppHandlers = HandlerMap<Calls>
