import { randomBytes } from 'node:crypto'
import { appendFileSync, closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { FileDialogs } from '../dialogs/file-dialogs'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'

export interface ImportFile {
  path: string
  name: string
  size: number
  /** Uploaded by the browser into the data folder (removed when the app closes), not a file the user picked. */
  uploaded: boolean
  complete: boolean
}

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3
const FILTERS = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json', 'jsonl', 'ndjson'] },
  { name: 'All files', extensions: ['*'] }
]

/**
 * The source files imports may read, by opaque id, never by a path from the renderer: a file the user chose in the
 * desktop open dialog (main asked the dialog itself), or one the browser uploaded in chunks into the data folder's
 * `imports` area (web mode has no dialog, and the server must not read paths a page names).
 */
export class ImportFiles {
  private readonly files = new Map<string, ImportFile>()

  constructor(private readonly deps: { dialogs?: FileDialogs; uploadDir: string }) {}

  async choose(): Promise<{ fileId: string; name: string; size: number } | null> {
    if (!this.deps.dialogs) throw new AppError('UNSUPPORTED', 'Web mode has no file dialog: upload the file instead.')
    const path = await this.deps.dialogs.openFile({ title: 'Import data', filters: FILTERS })
    return path ? this.add(path) : null
  }

  /** A file main itself chose (the open dialog, tests and benches). */
  add(path: string): { fileId: string; name: string; size: number } {
    const size = statSync(path).size
    const fileId = newId()
    this.files.set(fileId, { path, name: basename(path), size, uploaded: false, complete: true })
    return { fileId, name: basename(path), size }
  }

  upload(input: { fileId?: string; name: string; data: string; done: boolean }): { fileId: string; name: string; size: number } {
    let file = input.fileId ? this.files.get(input.fileId) : undefined
    if (input.fileId && (!file || !file.uploaded || file.complete)) throw new AppError('INVALID_INPUT', 'This upload is unknown or already complete.')
    if (!file) {
      mkdirSync(this.deps.uploadDir, { recursive: true, mode: PRIVATE_DIR_MODE })
      const fileId = newId()
      const path = join(this.deps.uploadDir, `${fileId}-${input.name.replace(/[^\w.-]+/g, '_').slice(-100)}`)
      closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE))
      file = { path, name: input.name, size: 0, uploaded: true, complete: false }
      this.files.set(fileId, file)
      input = { ...input, fileId }
    }
    const bytes = Buffer.from(input.data, 'base64')
    if (file.size + bytes.length > MAX_UPLOAD_BYTES) {
      this.remove(input.fileId!)
      throw new AppError('INVALID_INPUT', 'Uploads are limited to 2 GiB.')
    }
    appendFileSync(file.path, bytes)
    file.size += bytes.length
    file.complete = input.done
    return { fileId: input.fileId!, name: file.name, size: file.size }
  }

  get(fileId: string): ImportFile {
    const file = this.files.get(fileId)
    if (!file) throw new AppError('INVALID_INPUT', 'This file is no longer available; choose it again.')
    if (!file.complete) throw new AppError('INVALID_INPUT', 'The file is still uploading.')
    return file
  }

  remove(fileId: string): void {
    const file = this.files.get(fileId)
    this.files.delete(fileId)
    if (file?.uploaded) rmSync(file.path, { force: true })
  }

  close(): void {
    for (const id of this.files.keys()) this.remove(id)
  }
}

const newId = (): string => `f_${randomBytes(18).toString('base64url')}`
