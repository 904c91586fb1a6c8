import { create } from 'zustand'
import type { CallOutput, EventPayload, MockGenerator, MockOverride, MockPlan } from '../../../../shared/contract'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
import { overrideKey, type OverrideDraft } from './override-draft'

export { overrideKey, type OverrideDraft }

export type MockPreview = CallOutput<'mockdata.preview'>
export type MockProgress = EventPayload<'mockdata.progress'>

export interface TableRef {
  schema?: string
  name: string
}

interface MockDataState {
  connectionId: string | null
  tables: TableRef[]
  rowsPerTable: number
  seed: number
  /** By `schema.table.column`. */
  overrides: Record<string, OverrideDraft>
  plan: MockPlan | null
  preview: MockPreview | null
  progress: MockProgress | null
  target: 'database' | 'sql' | 'csv'
  transaction: 'table' | 'all'
  /** A production connection asked for confirmation: the start waits for it. */
  confirming: boolean
  busy: boolean
  error: string | null
  open(connectionId: string, tables: TableRef[]): void
  close(): void
  set(patch: Partial<Pick<MockDataState, 'rowsPerTable' | 'seed' | 'target' | 'transaction'>>): void
  toggleTable(t: TableRef): void
  setOverride(key: string, draft: OverrideDraft | null): void
  refresh(): Promise<void>
  start(confirmed?: boolean): Promise<void>
  cancel(): Promise<void>
}


/** The drafts as the contract's overrides; a draft that does not parse is left out (the plan shows the default). */
export function toOverrides(tables: TableRef[], drafts: Record<string, OverrideDraft>, plan: MockPlan | null): MockOverride[] {
  const out: MockOverride[] = []
  for (const t of plan?.tables ?? []) {
    const ref = tables.find((x) => x.name === t.name && (!x.schema || x.schema === t.schema)) ?? { name: t.name }
    for (const c of t.columns) {
      const d = drafts[overrideKey({ schema: t.schema, name: t.name }, c.name)]
      if (!d) continue
      const generator = generatorOf(d)
      const nullShare = d.nullPercent.trim() === '' ? undefined : Math.min(1, Math.max(0, Number(d.nullPercent) / 100))
      if (!generator && (nullShare === undefined || Number.isNaN(nullShare))) continue
      out.push({ ...(ref.schema ? { schema: ref.schema } : {}), table: t.name, column: c.name, ...(generator ? { generator } : {}), ...(nullShare !== undefined && !Number.isNaN(nullShare) ? { nullShare } : {}) })
    }
  }
  return out
}

function generatorOf(d: OverrideDraft): MockGenerator | undefined {
  switch (d.kind) {
    case 'auto':
      return undefined
    case 'constant':
      return { kind: 'constant', value: d.text }
    case 'list': {
      const values = d.text.split(',').map((v) => v.trim()).filter(Boolean)
      return values.length ? { kind: 'list', values } : undefined
    }
    case 'range': {
      const [min, max] = d.text.split('..').map((v) => v.trim())
      return min && max ? { kind: 'range', min, max } : undefined
    }
    case 'pattern':
      return d.text ? { kind: 'pattern', pattern: d.text } : undefined
  }
}

const initial = { plan: null, preview: null, progress: null, busy: false, error: null, confirming: false, overrides: {} }

export const useMockDataStore = create<MockDataState>((set, get) => {
  // a short job can end before its start call answers: the last event of each job is kept for that moment
  const latest = new Map<string, MockProgress>()
  api.on('mockdata.progress', (p) => {
    latest.set(p.jobId, p)
    if (get().progress?.jobId === p.jobId) set({ progress: p, busy: p.state === 'running' })
  })
  const input = () => {
    const s = get()
    return { connectionId: s.connectionId!, tables: s.tables, rowsPerTable: s.rowsPerTable, seed: s.seed, overrides: toOverrides(s.tables, s.overrides, s.plan) }
  }
  return {
    connectionId: null,
    tables: [],
    rowsPerTable: 100,
    seed: 1,
    target: 'database',
    transaction: 'table',
    ...initial,
    open: (connectionId, tables) => {
      set({ connectionId, tables, ...initial })
      if (tables.length) void get().refresh()
    },
    close: () => {
      const p = get().progress
      if (p?.state === 'running') void api.call('mockdata.cancel', { jobId: p.jobId })
      set({ connectionId: null, tables: [], ...initial })
    },
    set: (patch) => set(patch),
    toggleTable: (t) => {
      const tables = get().tables
      const has = tables.some((x) => x.name === t.name && x.schema === t.schema)
      const next = has ? tables.filter((x) => !(x.name === t.name && x.schema === t.schema)) : [...tables, t]
      if (!next.length) return
      set({ tables: next })
      void get().refresh()
    },
    setOverride: (key, draft) => {
      const overrides = { ...get().overrides }
      if (draft) overrides[key] = draft
      else delete overrides[key]
      set({ overrides })
    },
    /** The plan, then the preview of the same input. */
    refresh: async () => {
      if (!get().connectionId) return
      set({ busy: true, error: null })
      try {
        const plan = await api.call('mockdata.plan', input())
        set({ plan })
        const preview = await api.call('mockdata.preview', { ...input(), rows: 10 })
        set({ preview, busy: false })
      } catch (e) {
        set({ error: errorMessage(e), busy: false })
      }
    },
    start: async (confirmed) => {
      const s = get()
      if (!s.connectionId) return
      set({ busy: true, error: null, confirming: false })
      try {
        const target = s.target === 'database' ? { kind: 'database' as const, transaction: s.transaction, ...(confirmed ? { confirmed } : {}) } : { kind: 'files' as const, format: s.target }
        const { jobId } = await api.call('mockdata.start', { ...input(), target })
        const known = latest.get(jobId)
        set({ progress: known ?? { jobId, state: 'running', tables: [] }, busy: !known || known.state === 'running' })
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CONFIRMATION_REQUIRED') set({ confirming: true, busy: false })
        else set({ error: errorMessage(e), busy: false })
      }
    },
    cancel: async () => {
      const p = get().progress
      if (p) await api.call('mockdata.cancel', { jobId: p.jobId })
    }
  }
})
