import { create } from 'zustand'
import type { CallOutput, EventPayload, ImportColumnType } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

export type Preview = CallOutput<'import.preview'>
export type Progress = EventPayload<'import.progress'>

export interface ImportTargetTable {
  connectionId: string
  schema?: string
  /** An existing table the dialog was opened on (its context menu); absent: a new table named after the file. */
  table?: string
}

interface ImportState {
  target: ImportTargetTable | null
  file: { fileId: string; name: string; size: number } | null
  preview: Preview | null
  /** Editable: the new table's name, and each column's type. */
  tableName: string
  types: ImportColumnType[]
  /** Existing table: each source column's target column, or null (skipped); prefilled from the preview's name matching. */
  mapping: (string | null)[]
  kind: 'new' | 'existing'
  mode: 'transaction' | 'batches'
  progress: Progress | null
  busy: boolean
  error: string | null
  open(target: ImportTargetTable): void
  close(): void
  chooseFile(): Promise<void>
  upload(file: File): Promise<void>
  loadPreview(): Promise<void>
  set(patch: Partial<Pick<ImportState, 'tableName' | 'types' | 'mapping' | 'kind' | 'mode'>>): void
  start(): Promise<void>
  cancel(): Promise<void>
}

const CHUNK = 3 * 1024 * 1024 // bytes per upload call (4 MiB as base64)

function base64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

const initial = { file: null, preview: null, tableName: '', types: [], mapping: [], kind: 'new' as const, mode: 'batches' as const, progress: null, busy: false, error: null }

/** Why the mapping cannot be imported (no column mapped, a target column fed twice), or null. */
export function mappingProblem(mapping: readonly (string | null)[]): string | null {
  const used = mapping.filter((m): m is string => m !== null)
  if (!used.length) return 'Map at least one column of the file to a column of the table.'
  const twice = used.find((m, i) => used.indexOf(m) !== i)
  return twice ? `Column ${twice} is mapped from more than one column of the file.` : null
}

export const useImportStore = create<ImportState>((set, get) => {
  api.on('import.progress', (p) => {
    if (get().progress?.importId === p.importId) set({ progress: p, busy: p.state === 'running' })
  })
  return {
    target: null,
    ...initial,
    open: (target) => set({ target, ...initial, kind: target.table ? 'existing' : 'new' }),
    close: () => {
      const p = get().progress
      if (p?.state === 'running') void api.call('import.cancel', { importId: p.importId })
      set({ target: null, ...initial })
    },
    chooseFile: async () => {
      try {
        const { file } = await api.call('import.chooseFile', {})
        if (!file) return
        set({ file, preview: null, progress: null, error: null })
        await get().loadPreview()
      } catch (e) {
        set({ error: errorMessage(e) })
      }
    },
    /** Web mode (and a file input anywhere): the browser sends the file in chunks into the data folder's imports area. */
    upload: async (file) => {
      set({ busy: true, error: null, preview: null, progress: null })
      try {
        let fileId: string | undefined
        let size = 0
        for (let at = 0; at === 0 || at < file.size; at += CHUNK) {
          const bytes = new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer())
          const r = await api.call('import.upload', { fileId, name: file.name, data: base64(bytes), done: at + CHUNK >= file.size })
          fileId = r.fileId
          size = r.size
        }
        set({ file: { fileId: fileId!, name: file.name, size }, busy: false })
        await get().loadPreview()
      } catch (e) {
        set({ error: errorMessage(e), busy: false })
      }
    },
    loadPreview: async () => {
      const { target, file } = get()
      if (!target || !file) return
      set({ busy: true, error: null })
      try {
        const preview = await api.call('import.preview', {
          connectionId: target.connectionId,
          fileId: file.fileId,
          options: {},
          rows: 50,
          ...(target.table ? { table: { schema: target.schema, name: target.table } } : {})
        })
        set({ preview, tableName: preview.tableName, types: preview.columns.map((c) => c.type), mapping: preview.existing?.mapping ?? [], kind: preview.existing ? get().kind : 'new', busy: false })
      } catch (e) {
        set({ error: errorMessage(e), busy: false })
      }
    },
    set: (patch) => set(patch),
    start: async () => {
      const { target, file, preview, tableName, types, mapping, kind, mode } = get()
      if (!target || !file || !preview) return
      set({ busy: true, error: null })
      try {
        const table = { ...(target.schema && kind === 'existing' ? { schema: target.schema } : {}), name: tableName }
        const { importId } = await api.call('import.start', {
          connectionId: target.connectionId,
          fileId: file.fileId,
          options: {},
          mode,
          target:
            kind === 'existing' && preview.existing
              ? { kind: 'existing', table, mapping: preview.columns.map((_, i) => mapping[i] ?? null) }
              : { kind: 'new', table, columns: preview.columns.map((c, i) => ({ name: c.name, type: types[i] ?? c.type })) }
        })
        set({ progress: { importId, state: 'running', rows: 0, inserted: 0, rejected: 0, rejectedPath: null } })
      } catch (e) {
        set({ error: errorMessage(e), busy: false })
      }
    },
    cancel: async () => {
      const p = get().progress
      if (p) await api.call('import.cancel', { importId: p.importId })
    }
  }
})
