import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import type { ConnectConfig } from 'ssh2'
import type { z } from 'zod'
import type { SshConfig } from '../../../shared/contract/connections'
import { AppError } from '../../../shared/errors'

export interface SshTunnel {
  /** Loopback port that forwards to the target through the SSH server. */
  readonly localPort: number
  /** The server's host key as `SHA256:…` (what `ssh-keygen -lf` prints). */
  readonly hostKeyFingerprint: string
  close(): Promise<void>
}

type Ssh = z.infer<typeof SshConfig>

function authConfig(ssh: Ssh, secret: string | undefined): Partial<ConnectConfig> {
  switch (ssh.auth) {
    case 'password':
      if (!secret) throw new AppError('SSH_ERROR', 'Enter the SSH password.', { issues: [{ path: 'sshSecret', message: 'Required' }] })
      return { password: secret }
    case 'key': {
      if (!ssh.privateKeyPath) throw new AppError('SSH_ERROR', 'Choose the SSH private key file.', { issues: [{ path: 'ssh.privateKeyPath', message: 'Required' }] })
      let privateKey: Buffer
      try {
        privateKey = readFileSync(ssh.privateKeyPath)
      } catch (err) {
        throw new AppError('SSH_ERROR', `Cannot read the SSH private key ${ssh.privateKeyPath}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message}.`)
      }
      return { privateKey, ...(secret && { passphrase: secret }) }
    }
    case 'agent': {
      const agent = process.env.SSH_AUTH_SOCK
      if (!agent) throw new AppError('SSH_ERROR', 'No SSH agent is running (SSH_AUTH_SOCK is not set).')
      return { agent }
    }
  }
}

export function fingerprintOf(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`
}

function sshError(err: unknown, ssh: Ssh, timeoutMs: number, seen?: string): AppError {
  if (err instanceof AppError) return err
  if (seen && ssh.hostKeyFingerprint && seen !== ssh.hostKeyFingerprint) {
    return new AppError(
      'SSH_ERROR',
      `The SSH host key of ${ssh.host} changed (expected ${ssh.hostKeyFingerprint}, got ${seen}). This can mean someone is intercepting the connection; if the server was reinstalled, forget the saved host key in the connection settings.`
    )
  }
  const e = err as { level?: string; code?: string; message?: string }
  const message = e.message ?? String(err)
  const where = `${ssh.host}:${ssh.port}`
  if (e.level === 'client-authentication') return new AppError('SSH_ERROR', `SSH authentication failed for user "${ssh.user}" on ${where}.`)
  if (e.level === 'client-timeout' || /timed out/i.test(message)) return new AppError('TIMEOUT', `The SSH server ${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`)
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new AppError('HOST_NOT_FOUND', `Unknown SSH host "${ssh.host}".`)
  if (e.code === 'ECONNREFUSED') return new AppError('CONNECTION_REFUSED', `The SSH server ${where} refused the connection.`)
  if (/passphrase|encrypted private|unsupported key|cannot parse privatekey/i.test(message)) return new AppError('SSH_ERROR', `The SSH private key could not be used: ${message}`)
  return new AppError('SSH_ERROR', `SSH tunnel via ${where} failed: ${message}`)
}

/** Opens an SSH connection and a loopback listener that forwards each socket to target through it. */
export async function openSshTunnel(ssh: Ssh, secret: string | undefined, target: { host: string; port: number }, timeoutMs: number): Promise<SshTunnel> {
  if (!ssh.host) throw new AppError('SSH_ERROR', 'Enter the SSH host.', { issues: [{ path: 'ssh.host', message: 'Required' }] })
  // ssh2 takes about 100 ms to load: only a connection through SSH pays it
  const { Client } = await import('ssh2')
  const client = new Client()
  let seen: string | undefined
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve())
      client.once('error', reject)
      client.connect({
        host: ssh.host,
        port: ssh.port,
        username: ssh.user,
        readyTimeout: timeoutMs,
        keepaliveInterval: 15_000,
        // trust on first use: a pinned key must match
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key)
          return !ssh.hostKeyFingerprint || ssh.hostKeyFingerprint === seen
        },
        ...authConfig(ssh, secret)
      })
    })
  } catch (err) {
    client.end()
    throw sshError(err, ssh, timeoutMs, seen)
  }
  client.on('error', () => {}) // a dropped tunnel surfaces as the database connection closing

  const server: Server = createServer((socket) => {
    client.forwardOut('127.0.0.1', socket.remotePort ?? 0, target.host, target.port, (err, stream) => {
      if (err) return socket.destroy()
      socket.pipe(stream).pipe(socket)
      socket.on('error', () => stream.destroy())
      stream.on('error', () => socket.destroy())
    })
  })
  const localPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address()
      resolve(typeof addr === 'object' && addr ? addr.port : 0)
    })
  })
  client.once('close', () => server.close())
  return {
    localPort,
    hostKeyFingerprint: seen ?? '',
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        client.end()
      })
  }
}
