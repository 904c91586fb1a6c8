/**
 * The jobs a service runs in the background (imports, mock data), and the files finished ones wrote, offered for
 * download by id (web mode serves only these): what every such service keeps the same way.
 */
export class BackgroundJobs<Job> {
  private readonly jobs = new Map<string, Job>()
  private readonly downloads = new Map<string, string>()

  add(id: string, job: Job): void {
    this.jobs.set(id, job)
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id)
  }

  remove(id: string): void {
    this.jobs.delete(id)
  }

  /** Offers a written file for download under `downloadId`. */
  offer(downloadId: string, path: string): void {
    this.downloads.set(downloadId, path)
  }

  downloadPath(downloadId: string): string | undefined {
    return this.downloads.get(downloadId)
  }

  running(): string[] {
    return [...this.jobs.keys()]
  }

  /** Resolves when no job is left (the app waits for this before closing the store). */
  async idle(): Promise<void> {
    while (this.jobs.size) await new Promise((r) => setTimeout(r, 20))
  }
}
