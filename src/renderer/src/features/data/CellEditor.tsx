import { useEffect, useRef, useState } from 'react'
import type { DataColumn, DataValue } from '../../../../shared/contract/data'
import { parseEdit } from './edit-values'
import { base64Bytes } from './pending'

interface Props {
  column: DataColumn
  /** The value now (pending or as read). */
  value: DataValue | undefined
  /** A new row: the column may be left to its default. */
  isNew: boolean
  at: { x: number; y: number }
  onSave(value: DataValue | undefined): void
  onClose(): void
}

const asText = (v: DataValue | undefined): string => (v === null || v === undefined || typeof v === 'object' ? '' : String(v))

/** A typed editor for one cell, opened over the grid (double-click or Enter on a cell). */
export function CellEditor({ column, value, isNew, at, onSave, onClose }: Props): React.JSX.Element {
  const [text, setText] = useState(() => (column.kind === 'json' && typeof value === 'string' ? pretty(value) : asText(value)))
  const [file, setFile] = useState<{ base64: string } | undefined>(value && typeof value === 'object' ? value : undefined)
  const [error, setError] = useState<string>()
  const first = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null)
  useEffect(() => first.current?.focus(), [])

  const save = (): void => {
    if (column.kind === 'binary') {
      if (file) onSave(file)
      else onClose()
      return
    }
    const parsed = parseEdit(column, text)
    if ('error' in parsed) setError(parsed.error)
    else onSave(parsed.value)
  }
  const onKey = (e: React.KeyboardEvent): void => {
    e.stopPropagation()
    if (e.key === 'Escape') onClose()
    else if (e.key === 'Enter' && (!(e.target instanceof HTMLTextAreaElement) || e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      save()
    }
  }
  const style = { left: Math.min(at.x, window.innerWidth - 380), top: Math.min(at.y, window.innerHeight - 300) }
  const common = { ref: first, 'data-testid': 'cell-editor-input' }
  let input: React.JSX.Element
  if (column.enumValues?.length || column.kind === 'boolean') {
    const options = column.enumValues?.length ? column.enumValues : ['true', 'false']
    input = (
      <select {...common} value={text} onChange={(e) => setText(e.target.value)}>
        {!options.includes(text) && <option value={text}>{text || '(choose)'}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    )
  } else if (column.kind === 'json') {
    input = <textarea {...common} rows={8} value={text} spellCheck={false} onChange={(e) => (setText(e.target.value), setError(undefined))} />
  } else if (column.kind === 'binary') {
    input = (
      <input
        {...common}
        type="file"
        onChange={(e) => {
          const f = e.target.files?.[0]
          if (f) void readBase64(f).then((base64) => setFile({ base64 }))
        }}
      />
    )
  } else if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$|^$/.test(text)) {
    input = <input {...common} type="date" value={text} onChange={(e) => setText(e.target.value)} />
  } else if (column.kind === 'time' && /^\d{2}:\d{2}(:\d{2})?$|^$/.test(text)) {
    input = <input {...common} type="time" step={1} value={text} onChange={(e) => setText(e.target.value)} />
  } else {
    const placeholder = column.kind === 'datetime' ? 'YYYY-MM-DD HH:MM:SS' : column.kind === 'date' ? 'YYYY-MM-DD' : ''
    const long = text.length > 60 || text.includes('\n')
    input = long ? (
      <textarea {...common} rows={6} value={text} onChange={(e) => (setText(e.target.value), setError(undefined))} />
    ) : (
      <input {...common} type="text" inputMode={['number', 'bigint', 'decimal'].includes(column.kind) ? 'decimal' : undefined} placeholder={placeholder} value={text} onChange={(e) => (setText(e.target.value), setError(undefined))} />
    )
  }

  return (
    <>
      <div className="data-backdrop" onClick={onClose} />
      <div className="data-cell-editor" style={style} onKeyDown={onKey} data-testid="cell-editor" role="dialog" aria-label={`Edit ${column.name}`}>
        <div className="data-cell-editor-title">
          <b>{column.name}</b> <span className="muted">{column.type}</span>
        </div>
        {input}
        {column.kind === 'binary' && <div className="muted">{file ? `${base64Bytes(file.base64)} bytes chosen` : 'Choose a file to store its bytes'}</div>}
        {error && (
          <div className="data-error" data-testid="cell-editor-error">
            {error}
          </div>
        )}
        <div className="data-cell-editor-actions">
          {column.nullable && (
            <button onClick={() => onSave(null)} data-testid="cell-editor-null">
              Set NULL
            </button>
          )}
          {isNew && (column.default != null || column.identity) && (
            <button onClick={() => onSave(undefined)} data-testid="cell-editor-default" title="Leave the column out of the INSERT">
              Default
            </button>
          )}
          <span className="spacer" />
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={save} data-testid="cell-editor-save">
            OK
          </button>
        </div>
      </div>
    </>
  )
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
