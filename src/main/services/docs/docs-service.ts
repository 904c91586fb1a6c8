import { randomBytes } from 'node:crypto'
import { isAbsolute, join, win32 } from 'node:path'
import type { DocFormat, DocNote, LintFinding, TableFilter } from '../../../shared/contract/docs'
import { AppError } from '../../../shared/errors'
import { qualifiedName, type SchemaModel } from '../../../shared/schema-model'
import type { PathGrants } from '../dialogs/path-grants'
import { isInside } from '../paths'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { buildDocSite, noteKey, type ColumnClassification } from './doc-site'
import { exportDocs, type ExportResult } from './exporter'
import { filterModel } from './filter'
import { htmlTablePreview } from './html'
import { lintSchemaSliced } from './lint'
import { markdownTable } from './markdown'
import { NotesRepository } from './notes-repository'

/** An AI-written description as the AI area stores it: `table` is the qualified name (`schema.table`). */
export interface AiDescription {
  table: string
  column: string | null
  description: string
}

export interface DocsServiceDeps {
  store: LocalStore
  /** The connection's schema model (SchemaService.get: cached, else introspected). */
  getSchema(connectionId: string): Promise<SchemaModel>
  events: EventSink
  /** AI descriptions of the connection (AiService.descriptions.list); optional. */
  aiDescriptions?(connectionId: string): AiDescription[]
  /** What the last PII scan of the connection found per column (PiiService.classifications); optional. */
  classifications?(connectionId: string): ColumnClassification[]
  /**
   * Where `docs.export` may write. Desktop: only a folder the user picked in the native folder dialog (the
   * `grant` that `dialogs.chooseFolder` returned). Web mode: only inside the data folder's exports area.
   */
  output: { kind: 'dialog'; grants: PathGrants } | { kind: 'exports-area'; dir: string }
}

/** The folder name web mode uses when none is given. */
export const DEFAULT_DOCS_FOLDER = 'schema-docs'

/** Notes, previews, lint and exports of one connection's schema docs. */
export class DocsService {
  readonly notesRepo: NotesRepository

  constructor(private readonly deps: DocsServiceDeps) {
    this.notesRepo = new NotesRepository(deps.store.db)
  }

  /** The user's notes merged with AI descriptions, matched to the model's tables. */
  async notes(connectionId: string, model?: SchemaModel): Promise<DocNote[]> {
    const own = this.notesRepo.list(connectionId)
    const ai = this.deps.aiDescriptions?.(connectionId) ?? []
    if (!ai.length) return own
    const schemaModel = model ?? (await this.deps.getSchema(connectionId))
    const tables = new Map(schemaModel.tables.map((t) => [qualifiedName(t), t]))
    const merged = new Map(own.map((n) => [noteKey(n.schema, n.table, n.column), n]))
    for (const d of ai) {
      const t = tables.get(d.table)
      if (!t) continue
      const key = noteKey(t.schema, t.name, d.column)
      const existing = merged.get(key)
      merged.set(key, existing ? { ...existing, aiDescription: d.description } : { schema: t.schema, table: t.name, column: d.column, note: null, aiDescription: d.description })
    }
    return [...merged.values()]
  }

  /** Drops the notes of a deleted connection. */
  forget(connectionId: string): void {
    this.notesRepo.forget(connectionId)
  }

  setNote(input: { connectionId: string; schema: string; table: string; column?: string | null; note: string | null }): DocNote | null {
    return this.notesRepo.set(input.connectionId, input.schema, input.table, input.column ?? null, input.note)
  }

  async preview(input: { connectionId: string; schema: string; table: string; format: 'markdown' | 'html' }): Promise<string> {
    const model = await this.deps.getSchema(input.connectionId)
    const site = buildDocSite(model, await this.notes(input.connectionId, model), undefined, { classifications: this.deps.classifications?.(input.connectionId) })
    const table = site.tables.find((t) => t.schema === input.schema && t.name === input.table)
    if (!table) throw new AppError('NOT_FOUND', `No table or view ${qualifiedName({ schema: input.schema, name: input.table })} in this connection's schema. Refresh the schema if it was just created.`)
    return input.format === 'markdown' ? markdownTable(site, table) : htmlTablePreview(site, table)
  }

  async lint(input: { connectionId: string; filter?: TableFilter }): Promise<LintFinding[]> {
    const model = await this.deps.getSchema(input.connectionId)
    return lintSchemaSliced(buildDocSite(filterModel(model, input.filter), await this.notes(input.connectionId, model)))
  }

  async export(input: { connectionId: string; exportId?: string; folder?: string; grant?: string; formats: DocFormat[]; filter?: TableFilter; title?: string }): Promise<ExportResult & { exportId: string }> {
    const outDir = this.outputFolder(input)
    const exportId = input.exportId ?? `e_${randomBytes(6).toString('hex')}`
    const emit = (phase: string, done: number, total: number) => this.deps.events.emit('docs.progress', { exportId, phase, done, total })
    emit('Reading the schema', 0, 1)
    const model = await this.deps.getSchema(input.connectionId)
    const notes = await this.notes(input.connectionId, model)
    const result = await exportDocs({
      model,
      notes,
      formats: [...new Set(input.formats)],
      outDir,
      // web mode's exports area is inside the owner-only data folder: folders 0700, files 0600
      private: this.deps.output.kind === 'exports-area',
      filter: input.filter,
      title: input.title,
      classifications: this.deps.classifications?.(input.connectionId),
      onProgress: (p) => emit(p.phase, p.done, p.total)
    })
    emit('Done', result.files.length, result.files.length)
    return { ...result, exportId }
  }

  /** The folder this export may write to, by the rules of `deps.output`; INVALID_INPUT with the reason otherwise. */
  private outputFolder(input: { folder?: string; grant?: string }): string {
    const output = this.deps.output
    if (output.kind === 'dialog') {
      if (input.grant) return output.grants.take(input.grant, 'folder')
      throw new AppError('INVALID_INPUT', 'Choose the folder with Browse…: the desktop app writes documentation only into a folder picked in the folder dialog.', {
        issues: [{ path: 'grant', message: 'no folder chosen in the dialog' }]
      })
    }
    if (input.grant) throw new AppError('INVALID_INPUT', 'Web mode has no folder dialog: give a folder name inside the exports area.', { issues: [{ path: 'grant', message: 'not available in web mode' }] })
    const name = (input.folder ?? DEFAULT_DOCS_FOLDER).trim()
    const refuse = (why: string) =>
      new AppError('INVALID_INPUT', `Web mode writes documentation only inside the data folder's exports area (${output.dir}): give a folder name such as "${DEFAULT_DOCS_FOLDER}", ${why}.`, {
        issues: [{ path: 'folder', message: why }]
      })
    if (isAbsolute(name) || win32.isAbsolute(name) || name.startsWith('~')) throw refuse(`not a full path (got "${name}")`)
    const parts = name.split(/[/\\]+/).filter(Boolean)
    if (!parts.length || parts.some((p) => p === '..' || p === '.' || p.includes('\0'))) throw refuse(`without "." or ".." (got "${name}")`)
    const folder = join(output.dir, ...parts)
    if (!isInside(output.dir, folder)) throw refuse(`inside it (got "${name}")`)
    return folder
  }
}
