import { useEffect, useMemo, useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { errorMessage } from '../../api/api-error'
import { useSchemaStore } from './schema-store'
import { copyName, docsAvailable, generateDdl, openDocs, openInErd, runSelectTop100, type TableTarget } from './table-actions'
import { type TreeRow, treeRows } from './tree-rows'
import { DdlDialog } from './DdlDialog'
import { VirtualList } from './VirtualList'
import './schema.css'

const ROW_HEIGHT = 22

interface Menu {
  target: TableTarget
  x: number
  y: number
}

/** The schema explorer: names first, lazy details, virtualized rows, a filter, and per-table actions. */
export function SchemaTree(): React.JSX.Element {
  const connectionId = useAppStore((s) => s.browsingConnectionId)
  const entry = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  const load = useSchemaStore((s) => s.load)
  const [open, setOpen] = useState<Set<string>>(new Set())
  const [filter, setFilter] = useState('')
  const [menu, setMenu] = useState<Menu>()
  const [ddl, setDdl] = useState<{ connectionId: string; title: string; text: string }>()
  const [actionError, setActionError] = useState<string>()

  useEffect(() => {
    if (connectionId) void load(connectionId)
    setOpen(new Set())
    setMenu(undefined)
  }, [connectionId, load])

  const rows = useMemo(() => (entry?.names ? treeRows(entry.names, entry.model, open, filter) : []), [entry?.names, entry?.model, open, filter])
  const profileDialect = useAppStore((s) => s.connections.find((c) => c.id === connectionId)?.dialect)
  const dialect = entry?.model?.dialect ?? profileDialect

  const toggle = (key: string): void => {
    const next = new Set(open)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    setOpen(next)
  }

  const targetOf = (row: Extract<TreeRow, { kind: 'table' }>): TableTarget | undefined =>
    connectionId && entry?.names && dialect ? { connectionId, dialect, defaultSchema: entry.names.defaultSchema, schema: row.schema, name: row.name } : undefined

  const act = async (fn: () => Promise<void> | void): Promise<void> => {
    setMenu(undefined)
    setActionError(undefined)
    try {
      await fn()
    } catch (e) {
      setActionError(errorMessage(e))
    }
  }

  const renderRow = (row: TreeRow): React.JSX.Element => {
    const indent = { paddingLeft: 6 + row.depth * 14 }
    switch (row.kind) {
      case 'schema':
        return (
          <button className="tree-row tree-schema" style={indent} onClick={() => toggle(row.key)} data-testid={`schema-node-${row.schema}`}>
            <span className="twisty">{row.open ? '▾' : '▸'}</span> {row.schema} <span className="muted">{row.count}</span>
          </button>
        )
      case 'table':
        return (
          <button
            className={`tree-row tree-table kind-${row.tableKind}`}
            style={indent}
            onClick={() => toggle(row.key)}
            onContextMenu={(e) => {
              e.preventDefault()
              const target = targetOf(row)
              if (target) setMenu({ target, x: e.clientX, y: e.clientY })
            }}
            title={`${row.schema ? `${row.schema}.` : ''}${row.name} (${row.tableKind.replace('_', ' ')}) — right-click for actions`}
            data-testid={`table-node-${row.name}`}
          >
            <span className="twisty">{row.open ? '▾' : '▸'}</span>
            <span className="tree-icon">{row.tableKind === 'table' ? '▦' : '◫'}</span>
            <span className="tree-label">{row.name}</span>
            <span
              className="tree-more"
              role="button"
              aria-label={`Actions for ${row.name}`}
              onClick={(e) => {
                e.stopPropagation()
                const target = targetOf(row)
                const rect = (e.currentTarget as HTMLElement).getBoundingClientRect()
                if (target) setMenu({ target, x: rect.left, y: rect.bottom })
              }}
              data-testid={`table-actions-${row.name}`}
            >
              ⋯
            </span>
          </button>
        )
      case 'group':
        return (
          <button className="tree-row tree-group" style={indent} onClick={() => toggle(row.key)} data-testid={`group-node-${row.label}`}>
            <span className="twisty">{row.open ? '▾' : '▸'}</span> {row.label} <span className="muted">{row.count}</span>
          </button>
        )
      case 'column':
        return (
          <div className="tree-row tree-column" style={indent} title={row.comment ?? undefined}>
            <span className={`key-mark${row.pk ? ' pk' : row.fk ? ' fk' : ''}`}>{row.pk ? 'PK' : row.fk ? 'FK' : ''}</span>
            <span className={row.nullable ? 'tree-label' : 'tree-label not-null'}>{row.name}</span>
            <span className="muted tree-type">{row.type}</span>
          </div>
        )
      default:
        return (
          <div className="tree-row tree-info muted" style={indent}>
            {row.text}
          </div>
        )
    }
  }

  const progress = entry?.progress
  return (
    <div className="sidebar-section schema-tree" data-testid="schema-tree">
      <div className="schema-tree-head">
        <h2>Schema</h2>
        <button
          className="icon-button"
          title="Re-read the catalog"
          disabled={!connectionId || entry?.loading}
          onClick={() => connectionId && void load(connectionId, { refresh: true })}
          data-testid="schema-refresh"
        >
          ↻
        </button>
      </div>
      <input className="schema-filter" placeholder="Filter tables…" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="schema-filter" />
      {entry?.error && <div className="inline-error">{entry.error}</div>}
      {actionError && <div className="inline-error">{actionError}</div>}
      {entry?.loading && (
        <div className="muted schema-progress" data-testid="schema-progress">
          {progress ? `Reading ${progress.phase}… (${progress.done + 1}/${progress.total})` : 'Loading…'}
        </div>
      )}
      {!entry?.names && !entry?.error && !entry?.loading && <div className="muted">No connection selected.</div>}
      {entry?.names && rows.length === 0 && <div className="muted">{filter ? 'No table matches the filter.' : 'No tables.'}</div>}
      <VirtualList className="schema-rows" rows={rows} rowHeight={ROW_HEIGHT} rowKey={(r) => r.key} renderRow={renderRow} />
      {menu && (
        <>
          <div className="menu-backdrop" onClick={() => setMenu(undefined)} onContextMenu={(e) => (e.preventDefault(), setMenu(undefined))} />
          <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu" data-testid="table-menu">
            <li role="menuitem" onClick={() => void act(() => runSelectTop100(menu.target))} data-testid="action-select-top">
              SELECT top 100
            </li>
            <li role="menuitem" onClick={() => void act(() => copyName(menu.target))} data-testid="action-copy-name">
              Copy name
            </li>
            <li
              role="menuitem"
              onClick={() => void act(async () => setDdl({ connectionId: menu.target.connectionId, title: menu.target.name, text: await generateDdl(menu.target) }))}
              data-testid="action-ddl"
            >
              Generate DDL
            </li>
            <li role="menuitem" onClick={() => void act(() => openInErd(menu.target))} data-testid="action-erd">
              Open in ERD
            </li>
            <li role="menuitem" className={docsAvailable() ? '' : 'disabled'} onClick={() => void act(() => openDocs(menu.target))} data-testid="action-docs">
              Open docs
            </li>
          </ul>
        </>
      )}
      {ddl && <DdlDialog connectionId={ddl.connectionId} title={ddl.title} ddl={ddl.text} onClose={() => setDdl(undefined)} />}
    </div>
  )
}
