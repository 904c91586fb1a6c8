import { create } from 'zustand'

interface ErdState {
  connectionId?: string
  /** Table ids (`schema.name`) in the selection; empty shows the first tables of the schema. */
  focus: string[]
  hops: number
  keysOnly: boolean
  show(options: { connectionId: string; focus: string[]; hops?: number }): void
  setFocus(focus: string[]): void
  setHops(hops: number): void
  setKeysOnly(keysOnly: boolean): void
}

export const useErdStore = create<ErdState>((set) => ({
  focus: [],
  hops: 1,
  keysOnly: false,
  show: ({ connectionId, focus, hops }) => set((s) => ({ connectionId, focus, hops: hops ?? s.hops })),
  setFocus: (focus) => set({ focus }),
  setHops: (hops) => set({ hops }),
  setKeysOnly: (keysOnly) => set({ keysOnly })
}))
