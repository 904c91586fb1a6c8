import { useMemo, useState } from 'react'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { useCellViewer } from './cell-viewer-store'

type Mode = 'text' | 'json' | 'hex'

function initialMode(value: Cell, column: ColumnMeta): Mode {
  if (column.kind === 'binary') return 'hex'
  if (column.kind === 'json' || (typeof value === 'string' && /^\s*[[{]/.test(value) && parses(value))) return 'json'
  return 'text'
}

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Rows of 16 bytes: offset, hex, printable ASCII — from the driver's `\x…` hex text. */
function hexDump(value: string): string {
  const hex = value.startsWith('\\x') ? value.slice(2) : value
  const lines: string[] = []
  for (let i = 0; i < hex.length; i += 32) {
    const chunk = hex.slice(i, i + 32)
    const bytes = chunk.match(/../g) ?? []
    const ascii = bytes.map((b) => {
      const c = parseInt(b, 16)
      return c >= 32 && c < 127 ? String.fromCharCode(c) : '.'
    })
    lines.push(`${(i / 2).toString(16).padStart(8, '0')}  ${bytes.join(' ').padEnd(47)}  ${ascii.join('')}`)
  }
  return lines.join('\n')
}

/** Full value of one cell: pretty JSON, wrapped long text, or a hex dump of binary data. */
export function CellViewer(): React.JSX.Element | null {
  const cell = useCellViewer((s) => s.cell)
  const close = useCellViewer((s) => s.close)
  const [mode, setMode] = useState<Mode | null>(null)
  const current = cell ? (mode ?? initialMode(cell.value, cell.column)) : 'text'
  const body = useMemo(() => {
    if (!cell) return ''
    const { value } = cell
    if (value === null) return 'NULL'
    const text = String(value)
    if (current === 'json') {
      try {
        return JSON.stringify(JSON.parse(text), null, 2)
      } catch {
        return text
      }
    }
    if (current === 'hex') return hexDump(text)
    return text
  }, [cell, current])
  if (!cell) return null
  const raw = cell.value === null ? '' : String(cell.value)
  const size = cell.column.kind === 'binary' && raw.startsWith('\\x') ? `${(raw.length - 2) / 2} bytes` : `${raw.length.toLocaleString()} characters`
  const dismiss = (): void => {
    setMode(null)
    close()
  }
  return (
    <div className="cell-viewer-backdrop" onClick={dismiss}>
      <div className="cell-viewer" role="dialog" aria-label="Cell value" data-testid="cell-viewer" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && dismiss()}>
        <header>
          <strong>{cell.column.name}</strong>
          <span className="muted">
            {cell.column.dbType} · row {cell.row + 1} · {size}
          </span>
          <span className="spacer" />
          {(['text', 'json', 'hex'] as Mode[]).map((m) => (
            <button key={m} className={m === current ? 'active' : ''} onClick={() => setMode(m)} data-testid={`cell-viewer-${m}`}>
              {m === 'hex' ? 'Hex' : m === 'json' ? 'JSON' : 'Text'}
            </button>
          ))}
          <button onClick={() => void navigator.clipboard?.writeText(raw)}>Copy</button>
          <button onClick={dismiss} autoFocus>
            Close
          </button>
        </header>
        <pre data-testid="cell-viewer-body">{body}</pre>
      </div>
    </div>
  )
}
