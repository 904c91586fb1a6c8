import { create } from 'zustand'
import type { ChartSpec } from './suggest-chart'

export type ResultMode = 'grid' | 'chart'

interface ChartViewState {
  /** Per result id: shown as a grid (the default) or a chart. */
  modes: Record<string, ResultMode>
  /** Per result id: the chart the user chose; absent until they change the suggested one. */
  specs: Record<string, ChartSpec>
  setMode(resultId: string, mode: ResultMode): void
  setSpec(resultId: string, spec: ChartSpec | undefined): void
}

/** Grid or chart for each result, and its chart settings, kept while the user moves between result tabs. */
export const useChartViews = create<ChartViewState>((set) => ({
  modes: {},
  specs: {},
  setMode: (resultId, mode) => set((s) => ({ modes: { ...s.modes, [resultId]: mode } })),
  setSpec: (resultId, spec) =>
    set((s) => {
      const specs = { ...s.specs }
      if (spec) specs[resultId] = spec
      else delete specs[resultId]
      return { specs }
    })
}))
