import { spawn } from 'node:child_process'

/**
 * One worker process as an engine sees it: a message channel it can kill. The default host starts a child process
 * (process.send / process.on('message') in the worker); the Electron shell replaces it with one based on
 * utilityProcess (process.parentPort in the worker), so the packaged app needs no ELECTRON_RUN_AS_NODE.
 */
export interface WorkerChannel {
  /** The process id once the process has started; undefined before (or when it never started). */
  readonly pid?: number
  send(message: unknown): void
  /** Stops the process at once (SIGKILL where there is one), whatever it is doing; no-op once it has ended. */
  kill(): void
  /** Whether the channel keeps the host process running (a no-op where the host has no such notion). */
  ref(): void
  unref(): void
  /** Called once with the pid when the process has started (at once if it already has). */
  onSpawn(cb: (pid: number) => void): void
  onMessage(cb: (message: unknown) => void): void
  /** Called once when the process has ended. */
  onExit(cb: () => void): void
  /** A process that never started reports an error and has no pid (and then no exit). */
  onError(cb: (error: Error) => void): void
}

export interface WorkerHost {
  /** Runs `source` (CommonJS) in a new process with `env` added to this process's environment. */
  forkScript(source: string, env: Record<string, string>): WorkerChannel
}

/**
 * Plain Node (tsx, vitest, web mode, CLI): `execPath -e source`; in Electron, ELECTRON_RUN_AS_NODE makes the app binary a Node.
 * QG_WORKER_CPU_PROF=<dir> has each worker write a CPU profile there when it ends (how the results bench was profiled).
 */
export const nodeWorkerHost: WorkerHost = {
  forkScript(source, env) {
    const child = spawn(process.execPath, [...(process.env.QG_WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.QG_WORKER_CPU_PROF}`] : []), '-e', source], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env }
    })
    const channel = (): { ref?(): void; unref?(): void } | null | undefined => child.channel as { ref?(): void; unref?(): void } | null | undefined
    return {
      get pid() {
        return child.pid
      },
      send: (message) => {
        child.send(message as Parameters<typeof child.send>[0])
      },
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      },
      ref: () => {
        child.ref()
        channel()?.ref?.()
      },
      unref: () => {
        child.unref()
        channel()?.unref?.()
      },
      onSpawn: (cb) => {
        if (child.pid !== undefined) cb(child.pid)
      },
      onMessage: (cb) => {
        child.on('message', cb)
      },
      onExit: (cb) => {
        child.once('exit', () => cb())
      },
      onError: (cb) => {
        child.on('error', cb)
      }
    }
  }
}

let host: WorkerHost = nodeWorkerHost

/** Replaces how worker processes are started (the Electron shell installs a utilityProcess host); null restores the default. */
export function setWorkerHost(next: WorkerHost | null): void {
  host = next ?? nodeWorkerHost
}

export function workerHost(): WorkerHost {
  return host
}
