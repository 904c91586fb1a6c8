import { create } from 'zustand'
import type { DocFormat, DocNote, DocsProgress, LintFinding } from '../../../../shared/contract/docs'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

export type PreviewFormat = 'html' | 'markdown'

export interface ExportState {
  open: boolean
  folder: string
  /** Desktop: the one-time token `dialogs.chooseFolder` returned for `folder` (main writes only there). */
  grant?: string
  formats: DocFormat[]
  include: string
  exclude: string
  running: boolean
  exportId?: string
  progress?: DocsProgress
  files?: string[]
  folderWritten?: string
  durationMs?: number
  error?: string
}

interface DocsState {
  notes: Record<string, DocNote[]>
  describingConnection?: string
  selected?: { schema: string; table: string }
  format: PreviewFormat
  preview?: string
  previewError?: string
  previewLoading: boolean
  lint?: LintFinding[]
  lintError?: string
  savingNote?: string
  noteError?: string
  exporting: ExportState
  /** AI `describe` run for the selected table: its request id, status line or error. */
  describing?: { requestId: string; status: string; error?: string }
  describeWithAi(connectionId: string): Promise<void>
  loadNotes(connectionId: string): Promise<void>
  select(connectionId: string, schema: string, table: string): Promise<void>
  setFormat(connectionId: string, format: PreviewFormat): Promise<void>
  refreshPreview(connectionId: string): Promise<void>
  saveNote(connectionId: string, column: string | null, note: string): Promise<void>
  runLint(connectionId: string): Promise<void>
  openExport(): void
  closeExport(): void
  patchExport(p: Partial<ExportState>): void
  startExport(connectionId: string): Promise<void>
}

const patterns = (text: string): string[] | undefined => {
  const list = text.split(/[\s,]+/).filter(Boolean)
  return list.length ? list : undefined
}

export const useDocsStore = create<DocsState>((set, get) => {
  api.on('ai.event', (e) => {
    const d = get().describing
    if (!d || e.requestId !== d.requestId) return
    if (e.type === 'status') set({ describing: { ...d, status: e.message } })
    else if (e.type === 'error') set({ describing: { ...d, status: '', error: e.error.message } })
    else if (e.type === 'done') {
      set({ describing: undefined })
      const connectionId = get().describingConnection
      if (connectionId) void get().loadNotes(connectionId).then(() => get().refreshPreview(connectionId))
    }
  })
  api.on('docs.progress', (p) => {
    if (p.exportId === get().exporting.exportId) set((s) => ({ exporting: { ...s.exporting, progress: p } }))
  })

  return {
    notes: {},
    format: 'html',
    previewLoading: false,
    exporting: { open: false, folder: '', formats: ['md', 'html', 'json'], include: '', exclude: '', running: false },

    async loadNotes(connectionId) {
      try {
        const { notes } = await api.call('docs.notes.get', { connectionId })
        set((s) => ({ notes: { ...s.notes, [connectionId]: notes } }))
      } catch (e) {
        set({ noteError: errorMessage(e) })
      }
    },

    async select(connectionId, schema, table) {
      set({ selected: { schema, table }, noteError: undefined })
      await get().refreshPreview(connectionId)
    },

    async setFormat(connectionId, format) {
      set({ format })
      await get().refreshPreview(connectionId)
    },

    async refreshPreview(connectionId) {
      const sel = get().selected
      if (!sel) return
      set({ previewLoading: true, previewError: undefined })
      try {
        const { content } = await api.call('docs.preview', { connectionId, schema: sel.schema, table: sel.table, format: get().format })
        // A late answer for a table the user already left is dropped.
        if (get().selected === sel) set({ preview: content, previewLoading: false })
      } catch (e) {
        set({ previewError: errorMessage(e), previewLoading: false })
      }
    },

    async saveNote(connectionId, column, note) {
      const sel = get().selected
      if (!sel) return
      const key = column ?? ''
      set({ savingNote: key, noteError: undefined })
      try {
        await api.call('docs.notes.set', { connectionId, schema: sel.schema, table: sel.table, column, note: note.trim() ? note : null })
        await get().loadNotes(connectionId)
        await get().refreshPreview(connectionId)
      } catch (e) {
        set({ noteError: errorMessage(e) })
      } finally {
        set({ savingNote: undefined })
      }
    },

    async describeWithAi(connectionId) {
      const sel = get().selected
      if (!sel) return
      const requestId = `a_${Math.random().toString(36).slice(2, 14)}`
      set({ describing: { requestId, status: 'Asking the AI to describe this table…' }, describingConnection: connectionId })
      try {
        await api.call('ai.ask', { requestId, connectionId, task: 'describe', tables: [sel.schema ? `${sel.schema}.${sel.table}` : sel.table] })
      } catch (e) {
        set({ describing: { requestId, status: '', error: errorMessage(e) } })
      }
    },

    async runLint(connectionId) {
      set({ lintError: undefined })
      try {
        const { findings } = await api.call('docs.lint', { connectionId })
        set({ lint: findings })
      } catch (e) {
        set({ lintError: errorMessage(e) })
      }
    },

    openExport: () => set((s) => ({ exporting: { ...s.exporting, open: true, error: undefined, files: undefined, progress: undefined } })),
    closeExport: () => set((s) => ({ exporting: { ...s.exporting, open: s.exporting.running } })),
    patchExport: (p) => set((s) => ({ exporting: { ...s.exporting, ...p } })),

    async startExport(connectionId) {
      const ex = get().exporting
      const exportId = `e_${Math.random().toString(36).slice(2, 12)}`
      // a grant is used once: the next export picks the folder again
      set({ exporting: { ...ex, grant: undefined, running: true, exportId, progress: undefined, files: undefined, error: undefined } })
      try {
        const r = await api.call('docs.export', {
          connectionId,
          exportId,
          ...(ex.grant ? { grant: ex.grant } : ex.folder.trim() ? { folder: ex.folder.trim() } : {}),
          formats: ex.formats,
          filter: { include: patterns(ex.include), exclude: patterns(ex.exclude) }
        })
        set((s) => ({ exporting: { ...s.exporting, running: false, files: r.files, folderWritten: r.folder, durationMs: r.durationMs } }))
      } catch (e) {
        set((s) => ({ exporting: { ...s.exporting, running: false, error: errorMessage(e) } }))
      }
    }
  }
})
