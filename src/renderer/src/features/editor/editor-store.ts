import { create } from 'zustand'

export interface EditorMarker {
  line: number
  column: number
  message: string
}

interface EditorState {
  text: string
  marker?: EditorMarker
  setText(text: string): void
  setMarker(marker?: EditorMarker): void
}

export const DEFAULT_SQL = `-- Welcome to QueryGenie. Press Ctrl+Enter (Cmd+Enter on macOS) to run.
SELECT * FROM customers LIMIT 50;
`

export const useEditorStore = create<EditorState>((set) => ({
  text: DEFAULT_SQL,
  setText: (text) => set({ text }),
  setMarker: (marker) => set({ marker })
}))
