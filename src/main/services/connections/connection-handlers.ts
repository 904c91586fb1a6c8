import { connectionCalls } from '../../../shared/contract/connections'
import type { HandlerMap } from '../rpc/handlers'
import type { ConnectionService } from './connection-service'
import { parseConnectionUrl } from './url'

export function createConnectionHandlers(deps: { connections: ConnectionService }): HandlerMap<typeof connectionCalls> {
  const { connections } = deps
  return {
    'connections.list': () => connections.list(),
    'connections.create': (input) => connections.create(input),
    'connections.update': ({ id, patch }) => connections.update(id, patch),
    'connections.duplicate': ({ id }) => connections.duplicate(id),
    'connections.delete': async ({ id }) => {
      await connections.delete(id)
      return { ok: true as const }
    },
    'connections.test': (input) => connections.test(input),
    'connections.parseUrl': ({ url }) => parseConnectionUrl(url),
    'connections.connect': ({ id }) => connections.connect(id),
    'connections.disconnect': async ({ id }) => {
      await connections.disconnect(id)
      return { ok: true as const }
    },
    'connections.statuses': () => connections.list().map((p) => connections.status(p.id))
  }
}
