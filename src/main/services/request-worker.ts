import { Worker } from 'node:worker_threads'

/** What a request worker posts back: the request's id, and an error message when it failed. */
export interface WorkerReply {
  id: number
  error?: string
}

/**
 * A worker thread, evaluated from `source`, that answers requests by id. It starts on first use, and again on the next
 * request after it stopped (every request waiting then fails with `stoppedMessage`). It keeps the process alive only
 * while a request waits for its answer, so a CLI run ends once its work is done.
 */
export class RequestWorker<R extends WorkerReply> {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (reply: R) => void; reject: (e: Error) => void }>()
  /** Why the last worker stopped, if it did. */
  failure: Error | null = null

  constructor(
    private readonly source: string,
    /** Read when a worker starts (package paths are resolved then, not at import). */
    private readonly workerData: () => unknown,
    private readonly stoppedMessage: string
  ) {}

  /** A request: `send` posts its message (or messages), each carrying `id`; the reply with that id settles it. */
  request(send: (worker: Worker, id: number) => void): Promise<R> {
    const worker = this.start()
    const id = this.nextId++
    if (this.pending.size === 0) worker.ref()
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      send(worker, id)
    })
  }

  async terminate(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(this.source, { eval: true, workerData: this.workerData() })
    worker.on('message', (m: R) => {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (this.pending.size === 0) worker.unref()
      if (m.error !== undefined) p.reject(new Error(m.error))
      else p.resolve(m)
    })
    const fail = (e: Error): void => {
      if (this.worker === worker) this.worker = null
      this.failure = e
      for (const p of this.pending.values()) p.reject(e)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new Error(this.stoppedMessage)))
    // Idle, it does not keep the process alive. After the listeners: in Node 22 adding a 'message' listener refs the
    // worker's port again.
    worker.unref()
    this.worker = worker
    return worker
  }
}
