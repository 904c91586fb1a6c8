import type { EventName, EventPayload } from '../../../shared/contract'
import type { EventSink } from './handlers'

type Listener = (name: EventName, payload: unknown) => void

/** Services emit into the hub; each transport (Electron windows, web clients) subscribes once it exists. */
export class EventHub implements EventSink {
  private readonly listeners = new Set<Listener>()

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload)
      } catch {
        // a failing transport must not stop the others or the emitting service
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
