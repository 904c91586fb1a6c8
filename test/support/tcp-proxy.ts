import { createConnection, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy on 127.0.0.1 between a driver and a real database server, which tests can break the way networks and
 * servers break:
 * - `kill()`: the server died: every open connection is destroyed on both sides, and new ones are dropped at once;
 * - `blackhole()`: the path went half-open: nothing is forwarded in either direction on any connection, old or new,
 *   and nothing is closed either (the sockets are paused, so what was sent waits in the kernel buffers);
 * - `heal()`: forwarding resumes (paused sockets carry on; connections are accepted again after a kill).
 */
export interface TcpProxy {
  readonly port: number
  /** Connections accepted so far (each with its upstream). */
  readonly accepted: number
  kill(): void
  blackhole(): void
  heal(): void
  close(): Promise<void>
}

interface Pair {
  client: Socket
  upstream: Socket
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  let mode: 'forward' | 'blackhole' | 'down' = 'forward'
  let accepted = 0

  const pause = (p: Pair): void => {
    p.client.pause()
    p.upstream.pause()
  }
  const resume = (p: Pair): void => {
    p.client.resume()
    p.upstream.resume()
  }
  const destroy = (p: Pair): void => {
    pairs.delete(p)
    p.client.destroy()
    p.upstream.destroy()
  }

  const server: Server = createServer((client) => {
    if (mode === 'down') {
      client.destroy()
      return
    }
    accepted++
    const upstream = createConnection({ host: target.host, port: target.port })
    const pair: Pair = { client, upstream }
    pairs.add(pair)
    // write by hand rather than pipe(): a paused pair must forward nothing, and pipe() would resume it on drain
    const forward = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        if (!to.destroyed) to.write(chunk)
      })
      from.on('end', () => to.end())
      from.on('close', () => destroy(pair))
      from.on('error', () => destroy(pair))
    }
    forward(client, upstream)
    forward(upstream, client)
    if (mode === 'blackhole') pause(pair)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no port')

  return {
    port: address.port,
    get accepted() {
      return accepted
    },
    kill() {
      mode = 'down'
      for (const p of [...pairs]) destroy(p)
    },
    blackhole() {
      mode = 'blackhole'
      for (const p of pairs) pause(p)
    },
    heal() {
      mode = 'forward'
      for (const p of pairs) resume(p)
    },
    async close() {
      mode = 'down'
      for (const p of [...pairs]) destroy(p)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
