import { create } from 'zustand'
import type { Cell, ColumnMeta } from '../../../../shared/cells'

interface CellViewerState {
  cell?: { value: Cell; column: ColumnMeta; row: number }
  open(value: Cell, column: ColumnMeta, row: number): void
  close(): void
}

export const useCellViewer = create<CellViewerState>((set) => ({
  open: (value, column, row) => set({ cell: { value, column, row } }),
  close: () => set({ cell: undefined })
}))
