import { utilityProcess, type UtilityProcess } from 'electron'
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { WorkerChannel, WorkerHost } from '../services/engines'

/** A script file, named by its content, written 0600 (and rewritten whenever its content differs) before each fork. */
function scriptFile(dir: string, source: string): string {
  const name = `${createHash('sha256').update(source).digest('hex').slice(0, 16)}.cjs`
  const file = join(dir, name)
  let current: string | null = null
  try {
    current = readFileSync(file, 'utf8')
  } catch {
    // not written yet
  }
  if (current === source) return file
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // written beside and renamed: a fork never sees half a file
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, source, { mode: 0o600 })
  chmodSync(temp, 0o600)
  renameSync(temp, file)
  // scripts of earlier versions are no longer run
  for (const other of readdirSync(dir)) {
    if (other !== name && /^[0-9a-f]{16}\.cjs$/.test(other)) {
      try {
        unlinkSync(join(dir, other))
      } catch {
        // still in use elsewhere or already gone
      }
    }
  }
  return file
}

/** The environment of this process plus `extra`, without ELECTRON_RUN_AS_NODE (a utility process needs none). */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v
  return { ...env, ...extra }
}

/** A channel over a process that could not be started: it reports the error, never a pid, then its end. */
function failedChannel(error: Error): WorkerChannel {
  return {
    pid: undefined,
    send: () => {},
    kill: () => {},
    ref: () => {},
    unref: () => {},
    onSpawn: () => {},
    onMessage: () => {},
    // after the error, so that nothing waits for an exit that cannot come
    onExit: (cb) => {
      setImmediate(() => setImmediate(cb))
    },
    onError: (cb) => {
      setImmediate(() => cb(error))
    }
  }
}

function channelOver(proc: UtilityProcess): WorkerChannel {
  let exited = false
  let killWhenSpawned = false
  const hard = (): void => {
    const pid = proc.pid
    if (pid === undefined) return void proc.kill()
    try {
      // SIGKILL, as the child-process host does: a statement stuck in native SQLite still stops
      process.kill(pid, 'SIGKILL')
    } catch {
      proc.kill()
    }
  }
  proc.once('exit', () => (exited = true))
  proc.once('spawn', () => {
    if (killWhenSpawned && !exited) hard()
  })
  const refs = proc as unknown as { ref?(): void; unref?(): void }
  return {
    get pid() {
      return proc.pid
    },
    send: (message) => proc.postMessage(message),
    kill: () => {
      if (exited) return
      if (proc.pid === undefined) killWhenSpawned = true
      hard()
    },
    // a utility process does not hold the app open (Electron quits on its own terms): nothing to unreference
    ref: () => refs.ref?.(),
    unref: () => refs.unref?.(),
    onSpawn: (cb) => {
      if (proc.pid !== undefined) cb(proc.pid)
      else
        proc.once('spawn', () => {
          if (proc.pid !== undefined) cb(proc.pid)
        })
    },
    onMessage: (cb) => {
      proc.on('message', cb)
    },
    onExit: (cb) => {
      proc.once('exit', () => cb())
    },
    // a fatal V8 error in the child; Electron sends 'exit' after it
    onError: (cb) => {
      proc.on('error', (type, location) => cb(new Error(`The worker process failed (${type} at ${location}).`)))
    }
  }
}

/**
 * Worker processes as Electron utility processes, so the packaged app can switch the runAsNode fuse off: the
 * worker's source is written to `dir` (the app's userData) and forked with utilityProcess (only after app ready).
 */
export function utilityWorkerHost(dir: string, serviceName: string): WorkerHost {
  return {
    forkScript(source, env) {
      try {
        const file = scriptFile(dir, source)
        return channelOver(utilityProcess.fork(file, [], { env: childEnv(env), serviceName, stdio: 'ignore' }))
      } catch (e) {
        return failedChannel(e instanceof Error ? e : new Error(String(e)))
      }
    }
  }
}
