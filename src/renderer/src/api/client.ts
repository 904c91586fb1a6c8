import type { Api, CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/contract'
import type { PreloadApi } from '../../../preload/api'
import { ApiError } from './api-error'
import { createWsTransport, type LinkState } from './ws-transport'

export type { LinkState }

type LinkListener = (state: LinkState) => void
const linkListeners = new Set<LinkListener>()
let linkState: LinkState = 'open'

export function onLinkState(listener: LinkListener): () => void {
  linkListeners.add(listener)
  listener(linkState)
  return () => linkListeners.delete(listener)
}

function transport(): PreloadApi {
  if (window.api) return window.api
  return createWsTransport((state) => {
    linkState = state
    for (const l of linkListeners) l(state)
  })
}

/** The renderer's one client, typed from the contract; it does not know which transport carries it. */
function createApi(base: PreloadApi): Api {
  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const envelope = await base.invoke(name, input)
      if (!envelope.ok) throw new ApiError(envelope.error)
      return envelope.value as CallOutput<K>
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      return base.on(name, listener as (payload: unknown) => void)
    }
  }
}

export const api: Api = createApi(transport())
