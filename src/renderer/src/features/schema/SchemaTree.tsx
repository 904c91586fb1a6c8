import { useEffect, useMemo, useRef, useState } from 'react'
import type { SchemaObjectRef } from '../../../../shared/schema-model'
import { useAppStore } from '../../app/app-store'
import { errorMessage } from '../../api/api-error'
import { useSchemaStore } from './schema-store'
import { copyName, docsAvailable, objectSource, objectSqlName, openDocs, openInErd, runSelectTop100, tableSource, type TableTarget } from './table-actions'
import { type TreeRow, treeRows } from './tree-rows'
import { DdlDialog, type DdlDialogProps } from './DdlDialog'
import { VirtualList } from './VirtualList'
import { openTableData } from '../data/open-data'
import { useImportStore } from '../import/import-store'
import { openMockData } from '../mockdata/register'
import { PiiBadge } from '../pii/PiiBadge'
import './schema.css'

const ROW_HEIGHT = 22

type Menu = { x: number; y: number } & ({ type: 'table'; target: TableTarget } | { type: 'object'; connectionId: string; ref: SchemaObjectRef; label: string })

type Source = Omit<DdlDialogProps, 'onClose'>

/** Keys join schema and table with a NUL; attributes show a dot (a NUL cannot be matched by a CSS selector). */
const KEY_SEPARATOR = '\u0000'

const OBJECT_ICONS: Record<SchemaObjectRef['kind'], string> = { routine: 'ƒ', trigger: '⚡', sequence: '#', enum: '≡', domain: '◇', type: '◈' }
const OBJECT_WORDS: Record<SchemaObjectRef['kind'], string> = { routine: 'routine', trigger: 'trigger', sequence: 'sequence', enum: 'enum', domain: 'domain', type: 'type' }

/** The schema explorer: names first, lazy details, virtualized rows, a filter, and per-table actions. */
export function SchemaTree(): React.JSX.Element {
  const connectionId = useAppStore((s) => s.browsingConnectionId)
  const entry = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  const load = useSchemaStore((s) => s.load)
  const [open, setOpen] = useState<Set<string>>(new Set())
  const [filter, setFilter] = useState('')
  const [menu, setMenu] = useState<Menu>()
  const [source, setSource] = useState<Source>()
  const [actionError, setActionError] = useState<string>()
  /** The latest source request: an older answer arriving late must not replace a newer dialog. */
  const sourceRequest = useRef(0)

  useEffect(() => {
    if (connectionId) void load(connectionId)
    setOpen(new Set())
    setMenu(undefined)
  }, [connectionId, load])

  const detailsState = !entry?.loading && entry?.error ? 'failed' : 'loading'
  const rows = useMemo(() => (entry?.names ? treeRows(entry.names, entry.model, open, filter, detailsState) : []), [entry?.names, entry?.model, open, filter, detailsState])
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

  /** Opens the source dialog at once (loading), then fills it; a failure closes it and says why. */
  const showSource = (init: Source, load: () => Promise<Pick<Source, 'ddl' | 'reads'>>): Promise<void> => {
    const request = ++sourceRequest.current
    setSource(init)
    return load().then(
      (loaded) => {
        if (sourceRequest.current === request) setSource({ ...init, ...loaded })
      },
      (e: unknown) => {
        if (sourceRequest.current !== request) return
        setSource(undefined)
        throw e
      }
    )
  }

  const objectMenu = (row: Extract<TreeRow, { kind: 'object' }>, x: number, y: number): void => {
    if (connectionId) setMenu({ type: 'object', connectionId, ref: row.ref, label: row.label, x, y })
  }

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
            onDoubleClick={() => {
              const target = targetOf(row)
              if (target) openTableData(target)
            }}
            onContextMenu={(e) => {
              e.preventDefault()
              const target = targetOf(row)
              if (target) setMenu({ type: 'table', target, x: e.clientX, y: e.clientY })
            }}
            title={[
              `${row.schema ? `${row.schema}.` : ''}${row.name} (${row.partitioning ? 'partitioned table' : row.partitionBound ? 'partition' : row.tableKind.replace('_', ' ')})`,
              row.partitioning && `Partitioned by ${row.partitioning}`,
              row.partitionBound,
              row.error && `Could not be read: ${row.error}`,
              'Right-click for actions'
            ]
              .filter(Boolean)
              .join('\n')}
            data-testid={`table-node-${row.name}`}
            data-depth={row.depth}
          >
            <span className="twisty">{row.open ? '▾' : '▸'}</span>
            <span className="tree-icon">{row.partitioning ? '▤' : row.tableKind === 'table' ? '▦' : '◫'}</span>
            <span className="tree-label">{row.name}</span>
            {row.error && <span className="tree-warning">⚠</span>}
            {row.partitioning && (
              <span className="tree-badge" data-testid={`partitioned-${row.name}`}>
                {row.partitioning}
              </span>
            )}
            {row.partitionBound && <span className="muted tree-type">{row.partitionBound.replace(/^FOR VALUES\s+/i, '')}</span>}
            <span
              className="tree-more"
              role="button"
              aria-label={`Actions for ${row.name}`}
              onClick={(e) => {
                e.stopPropagation()
                const target = targetOf(row)
                const rect = (e.currentTarget as HTMLElement).getBoundingClientRect()
                if (target) setMenu({ type: 'table', target, x: rect.left, y: rect.bottom })
              }}
              data-testid={`table-actions-${row.name}`}
            >
              ⋯
            </span>
          </button>
        )
      case 'group':
        return (
          <button className="tree-row tree-group" style={indent} onClick={() => toggle(row.key)} data-testid={`group-node-${row.label}`} data-key={row.key.replace(KEY_SEPARATOR, '.')}>
            <span className="twisty">{row.open ? '▾' : '▸'}</span> {row.label} <span className="muted">{row.count}</span>
          </button>
        )
      case 'object':
        return (
          <button
            className={`tree-row tree-object kind-${row.ref.kind}`}
            style={indent}
            onClick={(e) => {
              // From the keyboard (Enter/Space) there is no pointer position: open the menu under the row.
              const rect = e.currentTarget.getBoundingClientRect()
              objectMenu(row, e.detail === 0 ? rect.left + 16 : e.clientX, e.detail === 0 ? rect.bottom : e.clientY)
            }}
            onContextMenu={(e) => {
              e.preventDefault()
              objectMenu(row, e.clientX, e.clientY)
            }}
            title={`${OBJECT_WORDS[row.ref.kind]} ${row.ref.schema ? `${row.ref.schema}.` : ''}${row.label}${row.detail ? ` ${row.detail}` : ''} — click for actions`}
            data-testid={`object-node-${row.ref.kind}-${row.ref.name}`}
          >
            <span className="tree-icon">{OBJECT_ICONS[row.ref.kind]}</span>
            <span className="tree-label">{row.label}</span>
            {row.detail && <span className="muted tree-type">{row.detail}</span>}
          </button>
        )
      case 'error':
        return (
          <div className="tree-row tree-error" style={indent} title={row.title} role="note" data-testid="schema-object-error">
            <span className="tree-warning">⚠</span>
            <span className="tree-label">{row.text}</span>
          </div>
        )
      case 'column':
        return (
          <div className="tree-row tree-column" style={indent} title={row.comment ?? undefined}>
            <span className={`key-mark${row.pk ? ' pk' : row.fk ? ' fk' : ''}`}>{row.pk ? 'PK' : row.fk ? 'FK' : ''}</span>
            <span className={row.nullable ? 'tree-label' : 'tree-label not-null'}>{row.name}</span>
            {connectionId && <PiiBadge connectionId={connectionId} schema={row.schema} table={row.table} column={row.name} />}
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
      <input className="schema-filter" placeholder="Filter: name or schema.name" title="A name, or schema.name (schema. lists one schema)" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="schema-filter" />
      {entry?.error && <div className="inline-error">{entry.error}</div>}
      {actionError && <div className="inline-error">{actionError}</div>}
      {entry?.loading && (
        <div className="muted schema-progress" data-testid="schema-progress">
          {progress ? `Reading ${progress.phase}… (${progress.done + 1}/${progress.total})` : 'Loading…'}
        </div>
      )}
      {!entry?.names && !entry?.error && !entry?.loading && <div className="muted">No connection selected.</div>}
      {entry?.names && rows.length === 0 && <div className="muted">{filter ? 'Nothing matches the filter.' : 'No tables.'}</div>}
      <VirtualList className="schema-rows" rows={rows} rowHeight={ROW_HEIGHT} rowKey={(r) => r.key} renderRow={renderRow} />
      {menu?.type === 'table' && (
        <>
          <div className="menu-backdrop" onClick={() => setMenu(undefined)} onContextMenu={(e) => (e.preventDefault(), setMenu(undefined))} />
          <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu" data-testid="table-menu">
            <li role="menuitem" onClick={() => void act(() => openTableData(menu.target))} data-testid="action-open-data">
              Open data
            </li>
            <li role="menuitem" onClick={() => void act(() => runSelectTop100(menu.target))} data-testid="action-select-top">
              SELECT top 100
            </li>
            <li role="menuitem" onClick={() => void act(() => copyName(menu.target))} data-testid="action-copy-name">
              Copy name
            </li>
            <li
              role="menuitem"
              onClick={() => {
                const t = menu.target
                void act(() => showSource({ connectionId: t.connectionId, title: t.name, ddl: undefined }, () => tableSource(t)))
              }}
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
            <li role="menuitem" onClick={() => void act(() => useImportStore.getState().open({ connectionId: menu.target.connectionId, schema: menu.target.schema, table: menu.target.name }))} data-testid="action-import">
              Import data…
            </li>
            <li role="menuitem" onClick={() => void act(() => openMockData(menu.target.connectionId, [{ schema: menu.target.schema, name: menu.target.name }]))} data-testid="action-mock-data">
              Generate test data…
            </li>
          </ul>
        </>
      )}
      {menu?.type === 'object' && (
        <>
          <div className="menu-backdrop" onClick={() => setMenu(undefined)} onContextMenu={(e) => (e.preventDefault(), setMenu(undefined))} />
          <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu" data-testid="object-menu">
            <li
              role="menuitem"
              onClick={() => {
                const { connectionId: id, ref, label } = menu
                const title = ref.kind === 'trigger' && ref.table ? `${ref.name} on ${ref.table}` : label
                void act(() =>
                  showSource(
                    { connectionId: id, title, heading: 'Source', ddl: undefined, unavailable: `Source not available: this engine gives no source for the ${OBJECT_WORDS[ref.kind]} ${ref.name}.` },
                    async () => ({ ddl: await objectSource(id, ref) })
                  )
                )
              }}
              data-testid="action-source"
            >
              Show source
            </li>
            <li
              role="menuitem"
              onClick={() => {
                const { ref } = menu
                void act(() => (dialect && entry?.names ? navigator.clipboard.writeText(objectSqlName(dialect, entry.names.defaultSchema, ref)) : undefined))
              }}
              data-testid="action-copy-object-name"
            >
              Copy name
            </li>
          </ul>
        </>
      )}
      {source && <DdlDialog {...source} onClose={() => (sourceRequest.current++, setSource(undefined))} />}
    </div>
  )
}
