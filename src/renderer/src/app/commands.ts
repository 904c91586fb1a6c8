import { create } from 'zustand'

/** A key chord: `mod` is Ctrl, or Cmd on macOS. `key` is KeyboardEvent.key, compared case-insensitively. */
export interface KeyChord {
  key: string
  mod?: boolean
  shift?: boolean
  alt?: boolean
}

export interface Command {
  id: string
  title: string
  /** Groups commands in the palette (Query, Transaction, Tabs, View…). */
  category: string
  keys?: KeyChord[]
  /** Whether the command can run now (the palette greys it out; its keys do nothing). */
  enabled?(): boolean
  run(): void | Promise<void>
}

const commands = new Map<string, Command>()

/** Registers commands once at module load (features' register files); a second registration replaces the first. */
export function registerCommands(...list: Command[]): void {
  for (const command of list) commands.set(command.id, command)
}

export function allCommands(): Command[] {
  return [...commands.values()]
}

export function runCommand(id: string): boolean {
  const command = commands.get(id)
  if (!command || (command.enabled && !command.enabled())) return false
  void Promise.resolve(command.run()).catch((error: unknown) => console.error(`command ${id} failed`, error))
  return true
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function chordLabel(chord: KeyChord): string {
  const parts = [chord.mod && (isMac ? '⌘' : 'Ctrl'), chord.alt && (isMac ? '⌥' : 'Alt'), chord.shift && (isMac ? '⇧' : 'Shift')].filter(Boolean) as string[]
  const key = chord.key === ' ' ? 'Space' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key
  return [...parts, key].join(isMac ? '' : '+')
}

function matches(chord: KeyChord, e: KeyboardEvent): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey
  return !!chord.mod === mod && !!chord.shift === e.shiftKey && !!chord.alt === e.altKey && chord.key.toLowerCase() === e.key.toLowerCase()
}

/** The command bound to this key event, if any. */
export function commandForKey(e: KeyboardEvent): Command | undefined {
  for (const command of commands.values()) if (command.keys?.some((chord) => matches(chord, e))) return command
  return undefined
}

/**
 * One key listener for every binding, in the capture phase so it runs before Monaco's own handlers:
 * the same chord does the same thing wherever the focus is.
 */
export function installKeyBindings(target: Window = window): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const command = commandForKey(e)
    if (!command) return
    e.preventDefault()
    e.stopPropagation()
    runCommand(command.id)
  }
  target.addEventListener('keydown', onKey, true)
  return () => target.removeEventListener('keydown', onKey, true)
}

interface PaletteState {
  open: boolean
  show(): void
  hide(): void
}

export const usePalette = create<PaletteState>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false })
}))

registerCommands({
  id: 'app.commandPalette',
  title: 'Show all commands',
  category: 'View',
  keys: [{ key: 'p', mod: true, shift: true }, { key: 'F1' }],
  run: () => usePalette.getState().show()
})
