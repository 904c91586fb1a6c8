import { AgGridReact } from 'ag-grid-react'
import { colorSchemeDark, colorSchemeLight, themeQuartz, type ColDef, type GridApi, type IDatasource, type RowClassParams, type ValueGetterParams } from 'ag-grid-community'
import { useEffect, useMemo, useRef } from 'react'
import '../results/ag-grid-setup'
import type { Cell } from '../../../../shared/cells'
import type { DataColumn, DataOpenOutput, DataOrder, DataValue, DataValues } from '../../../../shared/contract/data'
import { MAX_DATA_PAGE } from '../../../../shared/contract/data'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { rowKey, showValue } from './pending'
import { selection, type TableState } from './table-store'
import type { StoreApi, UseBoundStore } from 'zustand'

const dense = { rowHeight: 26, headerHeight: 30, fontSize: 13, cellHorizontalPadding: 8 }
const appColours = { backgroundColor: 'var(--bg)', foregroundColor: 'var(--fg)', headerBackgroundColor: 'var(--bg-alt)', borderColor: 'var(--border)' }
const lightTheme = themeQuartz.withPart(colorSchemeLight).withParams({ ...dense, ...appColours })
const darkTheme = themeQuartz.withPart(colorSchemeDark).withParams({ ...dense, ...appColours })
const BLOCK = 200

const sortOf = (orderBy: DataOrder[], column: string): Pick<ColDef, 'sort' | 'sortIndex'> => {
  const index = orderBy.findIndex((o) => o.column === column)
  return index < 0 ? {} : { sort: orderBy[index]!.direction, sortIndex: index }
}

/** A grid row: one read from the server (key: its row key as text) or one added here (newId). */
export interface GridRow {
  cells: Cell[]
  key: string | null
  keyValues?: DataValues
  newId?: string
}

export interface EditRequest {
  row: GridRow
  column: DataColumn
  index: number
  at: { x: number; y: number }
}

interface Props {
  store: UseBoundStore<StoreApi<TableState>>
  info: DataOpenOutput
  onEdit(request: EditRequest): void
  onCurrentRow(row: GridRow | undefined): void
}

/** The table's rows in AG Grid's infinite row model, read page by page with data.rows; pending edits drawn over them. */
export function DataGrid({ store, info, onEdit, onCurrentRow }: Props): React.JSX.Element {
  const dark = useAppStore((s) => s.theme === 'dark')
  const grid = useRef<GridApi<GridRow> | null>(null)
  const pending = store((s) => s.pending)
  const rowErrors = store((s) => s.rowErrors)
  const reload = store((s) => s.reload)
  const count = store((s) => s.count)
  const state = useRef({ pending, rowErrors })
  state.current = { pending, rowErrors }
  const keyColumns = info.key?.columns ?? []

  const columnDefs = useMemo<ColDef<GridRow>[]>(() => {
    const status: ColDef<GridRow> = {
      colId: 'status',
      headerName: '',
      pinned: 'left',
      width: 64,
      sortable: false,
      resizable: true,
      cellClass: 'data-status-cell',
      valueGetter: (p) => {
        const row = p.data
        if (!row) return ''
        const id = row.newId ?? row.key ?? ''
        const err = state.current.rowErrors[id]
        if (err) return `⚠ ${err}`
        if (row.newId) return '+ new'
        if (row.key && state.current.pending.deletes[row.key]) return '✕'
        return p.node?.rowIndex != null ? String(p.node.rowIndex + 1) : ''
      },
      tooltipValueGetter: (p) => {
        const row = p.data
        const id = row?.newId ?? row?.key ?? ''
        return state.current.rowErrors[id]
      }
    }
    // the sort this tab had (the grid is made anew when the tab is shown again)
    const sorted = store.getState().orderBy
    return [
      status,
      ...info.columns.map<ColDef<GridRow>>((c, i) => ({
        colId: String(i),
        ...sortOf(sorted, c.name),
        headerName: c.name,
        headerTooltip: `${c.name} ${c.type}${c.inKey ? ' (key)' : ''}${c.identity ? ' identity' : ''}${c.generated ? ' generated' : ''}${c.nullable ? '' : ' not null'}`,
        sortable: true,
        resizable: true,
        width: Math.max(100, Math.min(280, c.name.length * 8 + 64)),
        type: ['number', 'bigint', 'decimal'].includes(c.kind) ? 'rightAligned' : undefined,
        valueGetter: (p: ValueGetterParams<GridRow>) => showValue(valueOf(p.data, c, i)),
        cellClassRules: {
          'data-changed': (p) => isChanged(p.data, c),
          'data-null': (p) => valueOf(p.data, c, i) === null,
          // a new row's column left unset: the server's default, NULL, or (not null, no default) a value is required
          'data-default': (p) => unset(p.data, c, i) && (c.default != null || !!c.identity),
          'data-implicit-null': (p) => unset(p.data, c, i) && c.default == null && !c.identity && c.nullable,
          'data-required': (p) => unset(p.data, c, i) && c.default == null && !c.identity && !c.nullable,
          'data-generated': (p) => !!p.data?.newId && !!c.generated
        }
      }))
    ]
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [info])

  function valueOf(row: GridRow | undefined, c: DataColumn, i: number): DataValue | undefined {
    if (!row) return undefined
    if (row.newId) return state.current.pending.inserts.find((r) => r.id === row.newId)?.values[c.name]
    const set = row.key ? state.current.pending.updates[row.key]?.set : undefined
    if (set && c.name in set) return set[c.name]
    return row.cells[i]
  }
  function unset(row: GridRow | undefined, c: DataColumn, i: number): boolean {
    return !!row?.newId && !c.generated && valueOf(row, c, i) === undefined
  }
  function isChanged(row: GridRow | undefined, c: DataColumn): boolean {
    if (!row) return false
    if (row.newId) return state.current.pending.inserts.find((r) => r.id === row.newId)?.values[c.name] !== undefined
    return !!row.key && !!state.current.pending.updates[row.key] && c.name in state.current.pending.updates[row.key]!.set
  }

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params) {
        const s = store.getState()
        const orderBy: DataOrder[] = params.sortModel.map((m) => ({ column: info.columns[Number(m.colId)]!.name, direction: m.sort }))
        s.setOrder(orderBy)
        const limit = Math.min(MAX_DATA_PAGE, params.endRow - params.startRow)
        api
          .call('data.rows', { ...selection(s), ...(orderBy.length ? { orderBy } : {}), offset: params.startRow, limit })
          .then((out) => {
            const rows = out.rows.map<GridRow>((cells) => {
              const k = rowKey(info.columns, keyColumns, cells)
              return { cells, key: k?.text ?? null, keyValues: k?.key }
            })
            store.getState().pageRead(out.sql)
            const known = store.getState().count
            params.successCallback(rows, out.done ? params.startRow + rows.length : known)
          })
          .catch((error: unknown) => {
            store.getState().pageFailed(errorMessage(error))
            params.failCallback()
          })
      }
    }),
    // a new filter, or rows applied: a new datasource makes the grid forget its rows, its row count and its scroll
    // position (a purge would keep them: a filter applied far down would then ask for rows past its end)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [info, reload]
  )
  useEffect(() => {
    if (count != null && grid.current) grid.current.setRowCount(count, true)
  }, [count])
  useEffect(() => {
    grid.current?.refreshCells({ force: true })
    grid.current?.redrawRows()
  }, [pending, rowErrors])
  // a failed change's message is read in its row's status cell: wide enough for it while there is one
  const hasErrors = Object.keys(rowErrors).length > 0
  useEffect(() => {
    grid.current?.setColumnWidths([{ key: 'status', newWidth: hasErrors ? 320 : 64 }])
  }, [hasErrors])

  const pinned = useMemo(() => pending.inserts.map<GridRow>((r) => ({ cells: [], key: null, newId: r.id })), [pending.inserts])

  const rowClassRules = useMemo(
    () => ({
      'data-deleted': (p: RowClassParams<GridRow>) => !!p.data?.key && !!state.current.pending.deletes[p.data.key],
      'data-new': (p: RowClassParams<GridRow>) => !!p.data?.newId,
      'data-row-error': (p: RowClassParams<GridRow>) => !!state.current.rowErrors[p.data?.newId ?? p.data?.key ?? '']
    }),
    []
  )

  const requestEdit = (row: GridRow | undefined, colId: string | undefined, at: { x: number; y: number }): void => {
    if (!row || !info.editable || colId === undefined || !/^\d+$/.test(colId)) return
    const index = Number(colId)
    const column = info.columns[index]!
    if (column.generated) return
    if (column.identity && !row.newId) return
    if (row.key && state.current.pending.deletes[row.key]) return
    onEdit({ row, column, index, at })
  }

  return (
    <div className="data-grid" data-testid="data-grid">
      <AgGridReact<GridRow>
        theme={dark ? darkTheme : lightTheme}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        pinnedTopRowData={pinned}
        rowClassRules={rowClassRules}
        getRowId={keyColumns.length ? (p) => p.data.newId ?? p.data.key ?? '' : undefined}
        tooltipShowDelay={300}
        onGridReady={(e) => {
          grid.current = e.api
        }}
        onCellFocused={(e) => {
          if (e.rowIndex == null) return onCurrentRow(undefined)
          const node = e.rowPinned === 'top' ? e.api.getPinnedTopRow(e.rowIndex) : e.api.getDisplayedRowAtIndex(e.rowIndex)
          onCurrentRow(node?.data)
        }}
        onCellDoubleClicked={(e) => {
          const m = e.event as MouseEvent | null
          requestEdit(e.data, e.column.getColId(), { x: m?.clientX ?? 200, y: m?.clientY ?? 200 })
        }}
        onCellKeyDown={(e) => {
          const k = e.event as KeyboardEvent | null
          if ((k?.key !== 'Enter' && k?.key !== 'F2') || !('column' in e)) return
          const cell = (k.target as HTMLElement).getBoundingClientRect()
          requestEdit(e.data, e.column.getColId(), { x: cell.left, y: cell.bottom })
        }}
      />
    </div>
  )
}
