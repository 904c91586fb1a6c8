import { create } from 'zustand'
import type { FilterSpec, SortSpec } from '../../../../shared/contract'
import type { z } from 'zod'

export type Sort = z.infer<typeof SortSpec>
export type Filter = z.infer<typeof FilterSpec>

export interface GridView {
  sort?: Sort[]
  filter?: Filter[]
  /** Rows matching the filter (the whole result when unfiltered), as the last window reported. */
  total?: number
  /** Selected row range [from, to) in the current sort/filter. */
  selection?: { from: number; to: number }
}

interface GridViewState {
  views: Record<string, GridView>
  update(resultId: string, patch: Partial<GridView>): void
}

/** What each result grid shows (sort, filter, selection), so copy and export use the same view. */
export const useGridViews = create<GridViewState>((set) => ({
  views: {},
  update: (resultId, patch) => set((s) => ({ views: { ...s.views, [resultId]: { ...s.views[resultId], ...patch } } }))
}))
