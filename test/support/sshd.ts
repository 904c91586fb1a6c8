import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

export const SSHD = '/usr/sbin/sshd'

export interface TestSshd {
  port: number
  keyUser: string
  /** Key file protected by `keyPassphrase`. */
  keyPath: string
  keyPassphrase: string
  /** `SHA256:…` of the server's host key, as ssh-keygen -lf prints it. */
  hostKeyFingerprint: string
  /** Only when running as root (a throwaway system user gets a random password); otherwise undefined. */
  passwordUser?: { user: string; password: string }
  stop(): Promise<void>
}

/** Why the SSH tests cannot run here, or undefined when they can. */
export function sshdUnavailable(): string | undefined {
  if (!existsSync(SSHD)) return `no sshd binary at ${SSHD} (apt-get install openssh-server)`
  return undefined
}

const PASSWORD_USER = 'qgsshtest'

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve()
      })
      s.once('error', () => {
        s.destroy()
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}`))
        else setTimeout(attempt, 50)
      })
    }
    attempt()
  })
}

/** A real OpenSSH server on a loopback port with its own config, host key and authorized_keys. */
export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'qg-sshd-'))
  const port = await freePort()
  const keyPassphrase = `pp-${randomBytes(6).toString('hex')}`
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')])
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', keyPassphrase, '-f', join(dir, 'id_user')])
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_user.pub')))
  const isRoot = process.getuid?.() === 0
  let passwordUser: TestSshd['passwordUser']
  if (isRoot) {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
    try {
      execFileSync('id', [PASSWORD_USER], { stdio: 'ignore' })
    } catch {
      execFileSync('useradd', ['-M', '-s', '/bin/sh', PASSWORD_USER])
    }
    const password = `Pw-${randomBytes(8).toString('hex')}`
    execFileSync('chpasswd', { input: `${PASSWORD_USER}:${password}\n` })
    passwordUser = { user: PASSWORD_USER, password }
  }
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'AllowTcpForwarding yes',
    'LogLevel ERROR'
  ].join('\n')
  writeFileSync(join(dir, 'sshd_config'), `${config}\n`)
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += String(d)))
  try {
    await waitForPort(port, 5000)
  } catch (err) {
    child.kill()
    throw new Error(`${(err as Error).message}: ${stderr}`)
  }
  const hostKeyFingerprint = execFileSync('ssh-keygen', ['-lf', join(dir, 'host_key.pub')]).toString().split(' ')[1]!
  return {
    port,
    hostKeyFingerprint,
    keyUser: userInfo().username,
    keyPath: join(dir, 'id_user'),
    keyPassphrase,
    passwordUser,
    async stop() {
      child.kill()
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
