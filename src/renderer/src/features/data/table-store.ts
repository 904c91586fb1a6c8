import { create, type StoreApi, type UseBoundStore } from 'zustand'
import type { DataFilter, DataOpenOutput, DataOrder, DataValue, DataValues } from '../../../../shared/contract/data'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
import type { DataTab } from './data-store'
import { emptyPending, sameValue, toChanges, type Pending } from './pending'

export interface TableState {
  tab: DataTab
  info?: DataOpenOutput
  openError?: string
  /** The WHERE text in use (applied on Enter). */
  where: string
  filters: DataFilter[]
  orderBy: DataOrder[]
  /** The SELECT of the last page read. */
  sql?: string
  rowsError?: string
  count?: number
  counting: boolean
  countError?: string
  pending: Pending
  /** Per row (key text or new row id): the server's message for its failed change. */
  rowErrors: Record<string, string>
  applyMessage?: { ok: boolean; text: string }
  preview?: { statements: string[]; error?: string }
  confirmApply: boolean
  applying: boolean
  /** Bumped when the rows must be read again (filter, sort, apply). */
  reload: number
  load(): Promise<void>
  setWhere(where: string): void
  setFilters(filters: DataFilter[]): void
  setOrder(orderBy: DataOrder[]): void
  pageRead(sql: string): void
  pageFailed(message: string): void
  countRows(): Promise<void>
  /** Sets one cell of an existing row (original: the value as read; setting it back drops the change). */
  editCell(row: string, key: DataValues, column: string, value: DataValue, original: DataValue): void
  editNewCell(id: string, column: string, value: DataValue | undefined): void
  addRow(values?: DataValues): void
  toggleDelete(row: string, key: DataValues): void
  removeNewRow(id: string): void
  revertRow(row: string): void
  revertAll(): void
  showPreview(): Promise<void>
  closePreview(): void
  apply(confirmed?: boolean): Promise<void>
  cancelConfirm(): void
}

let newIds = 1

const selection = (s: TableState) => ({
  connectionId: s.tab.connectionId,
  table: s.tab.table,
  ...(s.where.trim() ? { where: s.where } : {}),
  ...(s.filters.length ? { filters: s.filters } : {})
})
export { selection }

export function createTableStore(tab: DataTab): UseBoundStore<StoreApi<TableState>> {
  return create<TableState>((set, get) => ({
    tab,
    where: '',
    filters: [],
    orderBy: [],
    counting: false,
    pending: emptyPending(),
    rowErrors: {},
    confirmApply: false,
    applying: false,
    reload: 0,
    async load() {
      try {
        set({ info: await api.call('data.open', { connectionId: tab.connectionId, table: tab.table }), openError: undefined })
      } catch (error) {
        set({ openError: errorMessage(error) })
      }
    },
    setWhere(where) {
      set({ where, count: undefined, countError: undefined, rowsError: undefined, reload: get().reload + 1 })
    },
    setFilters(filters) {
      set({ filters, count: undefined, countError: undefined, rowsError: undefined, reload: get().reload + 1 })
    },
    setOrder(orderBy) {
      set({ orderBy, rowsError: undefined })
    },
    pageRead(sql) {
      set({ sql, rowsError: undefined })
    },
    pageFailed(message) {
      set({ rowsError: message })
    },
    async countRows() {
      set({ counting: true, countError: undefined })
      try {
        const { count, sql } = await api.call('data.count', selection(get()))
        set({ count, sql: get().sql ?? sql })
      } catch (error) {
        set({ countError: errorMessage(error) })
      } finally {
        set({ counting: false })
      }
    },
    editCell(row, key, column, value, original) {
      const updates = { ...get().pending.updates }
      const current = { key, set: { ...updates[row]?.set } }
      if (sameValue(value, original)) delete current.set[column]
      else current.set[column] = value
      if (Object.keys(current.set).length) updates[row] = current
      else delete updates[row]
      set({ pending: { ...get().pending, updates }, applyMessage: undefined })
    },
    editNewCell(id, column, value) {
      const inserts = get().pending.inserts.map((r) => {
        if (r.id !== id) return r
        const values = { ...r.values }
        if (value === undefined) delete values[column]
        else values[column] = value
        return { ...r, values }
      })
      set({ pending: { ...get().pending, inserts }, applyMessage: undefined })
    },
    addRow(values = {}) {
      set({ pending: { ...get().pending, inserts: [...get().pending.inserts, { id: `new-${newIds++}`, values }] }, applyMessage: undefined })
    },
    toggleDelete(row, key) {
      const deletes = { ...get().pending.deletes }
      if (deletes[row]) delete deletes[row]
      else deletes[row] = key
      set({ pending: { ...get().pending, deletes }, applyMessage: undefined })
    },
    removeNewRow(id) {
      set({ pending: { ...get().pending, inserts: get().pending.inserts.filter((r) => r.id !== id) } })
    },
    revertRow(row) {
      const { updates, deletes, inserts } = get().pending
      const u = { ...updates }
      const d = { ...deletes }
      delete u[row]
      delete d[row]
      const rowErrors = { ...get().rowErrors }
      delete rowErrors[row]
      set({ pending: { updates: u, deletes: d, inserts: inserts.filter((r) => r.id !== row) }, rowErrors })
    },
    revertAll() {
      set({ pending: emptyPending(), rowErrors: {}, applyMessage: undefined })
    },
    async showPreview() {
      const { changes } = toChanges(get().pending)
      if (!changes.length) return
      set({ preview: { statements: [] } })
      try {
        const { statements } = await api.call('data.preview', { connectionId: tab.connectionId, table: tab.table, changes })
        set({ preview: { statements } })
      } catch (error) {
        set({ preview: { statements: [], error: errorMessage(error) } })
      }
    },
    closePreview() {
      set({ preview: undefined })
    },
    async apply(confirmed) {
      const { changes, origins } = toChanges(get().pending)
      if (!changes.length) return
      set({ applying: true, confirmApply: false, rowErrors: {}, applyMessage: undefined, preview: undefined })
      try {
        const out = await api.call('data.apply', { connectionId: tab.connectionId, table: tab.table, changes, ...(confirmed ? { confirmed: true } : {}) })
        if (out.errors.length) {
          const rowErrors: Record<string, string> = {}
          for (const e of out.errors) {
            const origin = origins[e.index]
            if (origin) rowErrors[origin.row] = e.message
          }
          const first = out.errors[0]!
          set({ rowErrors, applyMessage: { ok: false, text: `Nothing was applied: change ${first.index + 1} of ${changes.length} failed: ${first.message}` } })
        } else {
          set({
            pending: emptyPending(),
            applyMessage: { ok: true, text: `Applied ${out.applied} change${out.applied === 1 ? '' : 's'}.` },
            count: undefined,
            reload: get().reload + 1
          })
        }
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CONFIRMATION_REQUIRED') set({ confirmApply: true })
        else set({ applyMessage: { ok: false, text: errorMessage(error) } })
      } finally {
        set({ applying: false })
      }
    },
    cancelConfirm() {
      set({ confirmApply: false })
    }
  }))
}

const stores = new Map<string, UseBoundStore<StoreApi<TableState>>>()

/** The store of a data tab (kept while the tab is open, so switching tabs keeps filters and pending edits). */
export function tableStore(tab: DataTab): UseBoundStore<StoreApi<TableState>> {
  let store = stores.get(tab.id)
  if (!store) {
    store = createTableStore(tab)
    stores.set(tab.id, store)
  }
  return store
}

export function dropTableStore(id: string): void {
  stores.delete(id)
}
