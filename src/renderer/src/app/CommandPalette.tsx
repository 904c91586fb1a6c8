import { useMemo, useState } from 'react'
import { allCommands, chordLabel, runCommand, usePalette } from './commands'

/** Ctrl/Cmd+Shift+P: every command by name, with its keys; Enter runs the highlighted one. */
export function CommandPalette(): React.JSX.Element | null {
  const { open, hide } = usePalette()
  if (!open) return null
  return <PaletteList onClose={hide} />
}

function PaletteList({ onClose }: { onClose(): void }): React.JSX.Element {
  const [filter, setFilter] = useState('')
  const [selected, setSelected] = useState(0)
  const list = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    return allCommands()
      .filter((c) => c.id !== 'app.commandPalette')
      .filter((c) => words.every((w) => `${c.category} ${c.title}`.toLowerCase().includes(w)))
      .sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title))
  }, [filter])
  const choose = (index: number): void => {
    const command = list[index]
    if (!command) return
    onClose()
    runCommand(command.id)
  }
  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Commands" onMouseDown={(e) => e.stopPropagation()} data-testid="command-palette">
        <input
          autoFocus
          placeholder="Type a command"
          value={filter}
          onChange={(e) => (setFilter(e.target.value), setSelected(0))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose()
            else if (e.key === 'ArrowDown') setSelected((i) => Math.min(list.length - 1, i + 1))
            else if (e.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1))
            else if (e.key === 'Enter') choose(selected)
            else return
            e.preventDefault()
          }}
          data-testid="command-palette-input"
        />
        <ul role="listbox">
          {list.map((c, i) => {
            const enabled = !c.enabled || c.enabled()
            return (
              <li
                key={c.id}
                role="option"
                aria-selected={i === selected}
                aria-disabled={!enabled}
                className={`${i === selected ? 'selected' : ''}${enabled ? '' : ' disabled'}`}
                onMouseEnter={() => setSelected(i)}
                onClick={() => choose(i)}
                data-testid={`command-${c.id}`}
              >
                <span className="muted">{c.category}: </span>
                {c.title}
                <span className="spacer" />
                {c.keys?.[0] && <kbd>{chordLabel(c.keys[0])}</kbd>}
              </li>
            )
          })}
          {list.length === 0 && <li className="muted">No command matches.</li>}
        </ul>
      </div>
    </div>
  )
}
