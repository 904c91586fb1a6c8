import { AgGridReact } from 'ag-grid-react'
import { colorSchemeDark, colorSchemeLight, themeQuartz, type CellClassParams, type ColDef, type GridApi, type IDatasource, type SuppressKeyboardEventParams } from 'ag-grid-community'
import { useEffect, useMemo, useRef } from 'react'
import './ag-grid-setup'
import type { Cell } from '../../../../shared/cells'
import { api } from '../../api/client'
import { useAppStore } from '../../app/app-store'
import { useCellViewer } from './cell-viewer-store'
import { copyRows } from './copy-rows'
import { explainedStatement } from '../plan/explained-statement'
import { displayCell, initialColumnWidth, isPlanText, keepsSpacing, numberFilterOptions, numericKinds, planTextColumnWidth, textFilterOptions, toFilter, toSort } from './grid-model'
import { useGridViews } from './grid-view-store'
import { cellRange, contains, containsRow, extend, extendBy, isSingleCell, normalise, rowSpan, rowsRange, selectAll, type Block, type CellRange, type CellPos } from './grid-range'
import { useGridSelection } from './grid-selection-store'
import type { ResultView } from '../workspace/run-state'

// a database client shows many rows: dense rows and a compact header instead of Quartz's roomy defaults
const dense = { rowHeight: 26, headerHeight: 30, fontSize: 13, cellHorizontalPadding: 8 }
// the app's own surface colours, so the grid does not sit as a differently tinted block in either theme
const appColours = { backgroundColor: 'var(--bg)', foregroundColor: 'var(--fg)', headerBackgroundColor: 'var(--bg-alt)', borderColor: 'var(--border)' }
const lightTheme = themeQuartz.withPart(colorSchemeLight).withParams({ ...dense, ...appColours })
const darkTheme = themeQuartz.withPart(colorSchemeDark).withParams({ ...dense, ...appColours })
const BLOCK = 200

/** The sort the grid shows now, in sort order. */
const gridSort = (grid: GridApi<Cell[]>) =>
  toSort(grid.getColumnState().flatMap((c) => (c.sort ? [{ colId: c.colId, sort: c.sort, sortIndex: c.sortIndex }] : [])).sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0)))
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
/** Result column indexes in the order the grid shows them (the row number column left out). */
const displayedColumns = (grid: GridApi<Cell[]>): number[] =>
  grid
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => /^\d+$/.test(id))
    .map(Number)
const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }
const isMod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey
/** Keys the block selection handles itself: AG Grid must not also navigate (or the browser select the page). */
const ownKey = (e: KeyboardEvent): boolean => (isMod(e) && ['a', 'c'].includes(e.key.toLowerCase())) || (e.shiftKey && e.key in ARROWS)
const defaultColDef: ColDef<Cell[]> = { suppressKeyboardEvent: (p: SuppressKeyboardEventParams<Cell[]>) => ownKey(p.event) }

/**
 * One result set in AG Grid's infinite row model: the grid asks for blocks of rows as it scrolls and main
 * answers from its result store, sorted and filtered over the whole result.
 */
export function ResultGrid({ result }: { result: ResultView }): React.JSX.Element {
  const dark = useAppStore((s) => s.theme === 'dark')
  const gridApi = useRef<GridApi<Cell[]> | null>(null)
  const latest = useRef(result)
  latest.current = result
  const partialBlock = useRef(false)
  // columns are sized once, from the first rows, so that a later sort or filter does not make them jump
  const sized = useRef(false)
  const updateView = useGridViews((s) => s.update)
  const openCell = useCellViewer((s) => s.open)

  // block selection (AG Grid Community has no range selection): kept in a ref for the cell class rules, mirrored to
  // the selection store (toolbar, Copy as…) and, as a row range, to the grid view (copy/export of selected rows)
  const range = useRef<CellRange | undefined>(useGridSelection.getState().ranges[result.resultId])
  const rangeColumn = useRef(new Map<number, number>())
  // AG Grid hands its events to the onCell… props later, batched into one setTimeout per task, while it has already
  // acted on them itself (moved its focus, say). Their order among themselves is the order they happened in; but
  // whatever the handlers change is newer than every event still queued, and the browser's own events (pointerup) are
  // older or newer than the queued ones regardless of when they are handled. So: a drag is told by time stamps, not
  // by a flag a pointerup clears before the last mouseovers are handled, …
  const dragging = useRef<{ kind: 'cells' | 'rows'; at: number } | null>(null)
  const released = useRef(-Infinity)
  // … and the caret's own moves (setFocusedCell) come back as cellFocused events after input given meanwhile: they
  // are known by their cell, in the order they were made, and are no keyboard navigation to collapse the block to
  const ownFocus = useRef<string[]>([])
  /** The range's rectangle, only when it is more than the caret's one cell (that one AG Grid's focus outline shows). */
  const block = useRef<Block | undefined>(undefined)
  const indexRange = (r: CellRange | undefined): void => {
    rangeColumn.current = new Map(r?.columns.map((c, i) => [c, i]))
    block.current = r && !isSingleCell(r) ? normalise(r) : undefined
  }
  const indexed = useRef(false)
  if (!indexed.current) {
    indexed.current = true
    indexRange(range.current) // a block made before this grid was last unmounted (another tab was shown)
  }
  const setRange = (next: CellRange | undefined, caret = false): void => {
    range.current = next
    indexRange(next)
    useGridSelection.getState().setRange(result.resultId, next)
    updateView(result.resultId, { selection: next && !isSingleCell(next) ? rowSpan(next) : undefined })
    const grid = gridApi.current
    if (!grid) return
    grid.refreshCells({ suppressFlash: true })
    // the caret follows the moving end, as in DataGrip/DBeaver: shift+arrows continue from there
    if (caret && next) {
      const colId = String(next.columns[next.focus.col])
      const focused = grid.getFocusedCell()
      if (focused?.rowIndex !== next.focus.row || focused.column.getColId() !== colId) {
        ownFocus.current.push(`${next.focus.row}:${colId}`)
        grid.setFocusedCell(next.focus.row, colId)
      }
      grid.ensureIndexVisible(next.focus.row)
      grid.ensureColumnVisible(colId)
    }
  }
  const inRange = (p: CellClassParams<Cell[]>, index: number): CellPos | undefined => {
    const row = p.node?.rowIndex
    const col = rangeColumn.current.get(index)
    if (!block.current || row === null || row === undefined || col === undefined || !contains(range.current, row, col)) return undefined
    return { row, col }
  }
  const rowCount = (grid: GridApi<Cell[]>): number => {
    const view = useGridViews.getState().views[result.resultId]
    return view?.filter ? (view.total ?? grid.getDisplayedRowCount()) : latest.current.rowCount
  }
  useEffect(() => {
    const stop = (e: Event): void => {
      released.current = e.timeStamp
    }
    window.addEventListener('pointerup', stop)
    window.addEventListener('blur', stop)
    return () => {
      window.removeEventListener('pointerup', stop)
      window.removeEventListener('blur', stop)
    }
  }, [])

  // EXPLAIN text (one plan line a row): monospace, as wide as its longest line, its indentation kept
  const planText = useMemo(() => isPlanText(result.columns, !!explainedStatement(result.statement)), [result.columns, result.statement])
  const columnDefs = useMemo<ColDef<Cell[]>[]>(
    () => [
      {
        headerName: '#',
        colId: 'rownum',
        valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
        width: 64,
        pinned: 'left',
        sortable: false,
        filter: false,
        resizable: true,
        cellClass: 'cell-rownum',
        cellClassRules: { 'cell-row-in-range': (p) => !!block.current && p.node?.rowIndex !== null && p.node?.rowIndex !== undefined && containsRow(range.current, p.node.rowIndex) }
      },
      ...result.columns.map<ColDef<Cell[]>>((c, i) => {
        const numeric = numericKinds.has(c.kind)
        return {
          colId: String(i),
          headerName: c.name,
          headerTooltip: `${c.name} · ${c.dbType}`,
          valueGetter: (p) => p.data?.[i],
          sortable: true,
          resizable: true,
          filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
          filterParams: { filterOptions: numeric ? numberFilterOptions : textFilterOptions, maxNumConditions: 1, debounceMs: 400 },
          cellClass: numeric ? 'cell-number' : planText ? 'cell-mono' : undefined,
          cellClassRules: {
            'cell-null': (p) => p.value === null && p.data !== undefined,
            'cell-pre': (p) => keepsSpacing(p.value),
            'cell-in-range': (p) => inRange(p, i) !== undefined,
            'range-top': (p) => inRange(p, i)?.row === block.current?.top,
            'range-bottom': (p) => inRange(p, i)?.row === block.current?.bottom,
            'range-left': (p) => inRange(p, i)?.col === block.current?.left,
            'range-right': (p) => inRange(p, i)?.col === block.current?.right
          },
          valueFormatter: (p) => displayCell(p.value, c.kind)
        }
      })
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the class rules read refs, fresh on every refresh
    [result.columns, planText]
  )

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const sort = toSort(params.sortModel)
        const filter = toFilter(params.filterModel)
        const limit = params.endRow - params.startRow
        api
          .call('query.rows', { resultId: result.resultId, offset: params.startRow, limit, sort, filter })
          .then((page) => {
            // a late answer for a sort/filter the user has since changed must not bring it back: copy/export follow the view
            const grid = gridApi.current
            if (!grid || (same(gridSort(grid), sort) && same(toFilter(grid.getFilterModel()), filter))) updateView(result.resultId, { sort, filter, total: page.total })
            if (!page.done && page.rows.length < limit) partialBlock.current = true
            params.successCallback(page.rows, page.done ? page.total : undefined)
            if (params.startRow === 0 && !sized.current && grid && page.rows.length) {
              sized.current = true
              const columns = latest.current.columns
              grid.setColumnWidths(
                columns.map((c, i) =>
                  planText
                    ? { key: String(i), newWidth: planTextColumnWidth(c.name, page.rows.map((r) => displayCell(r[i], c.kind))) }
                    : { key: String(i), newWidth: initialColumnWidth(c.name, page.rows.slice(0, 50).map((r) => displayCell(r[i], c.kind))) }
                )
              )
            }
          })
          .catch(() => params.failCallback())
      }
    }),
    [result.resultId, updateView, planText]
  )

  // while rows stream in: grow the scrollable range; once done, settle the count and fill partial blocks
  useEffect(() => {
    const grid = gridApi.current
    if (!grid) return
    const view = useGridViews.getState().views[result.resultId]
    const viewed = view?.sort || view?.filter
    if (result.done) {
      if (partialBlock.current || viewed) grid.refreshInfiniteCache()
      partialBlock.current = false
      if (!viewed) grid.setRowCount(result.rowCount, true)
    } else if (!viewed) {
      grid.setRowCount(Math.max(result.rowCount, 1), false)
      if (partialBlock.current) {
        partialBlock.current = false
        grid.refreshInfiniteCache()
      }
    }
  }, [result.rowCount, result.done, result.resultId])

  const copyBlock = (grid: GridApi<Cell[]>): void => {
    const r = range.current
    if (!r) return
    if (!isSingleCell(r)) {
      void copyRows(latest.current, 'tsv', r)
      return
    }
    // one cell: its value as it is (no TSV quoting), complete: the grid holds full values, only the display is cut
    const value = grid.getDisplayedRowAtIndex(r.focus.row)?.data?.[r.columns[r.focus.col]!]
    if (value !== undefined) void navigator.clipboard.writeText(value === null ? '' : String(value))
  }

  return (
    <div
      className="result-grid"
      data-testid="result-grid"
      data-result-id={result.resultId}
      // the browser's default (select the page, extend a text selection) must be stopped while the key is dispatched:
      // onCellKeyDown runs too late for that. Bubbling, so AG Grid has seen the key (it drops prevented ones) by now
      onKeyDown={(e) => {
        if (ownKey(e.nativeEvent) && e.target instanceof Element && e.target.closest('.ag-cell')) e.preventDefault()
      }}
    >
      <AgGridReact<Cell[]>
        theme={dark ? darkTheme : lightTheme}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={100}
        blockLoadDebounceMillis={30}
        rowBuffer={4}
        debounceVerticalScrollbar
        infiniteInitialRowCount={Math.max(1, latest.current.rowCount)}
        defaultColDef={defaultColDef}
        onCellMouseDown={(e) => {
          const mouse = e.event as MouseEvent | null | undefined
          const row = e.rowIndex
          if (!mouse || mouse.button !== 0 || row === null) return
          const current = range.current
          const colId = e.column.getColId()
          if (colId === 'rownum') {
            // the row number column selects whole rows; shift+click and dragging extend them
            setRange(rowsRange(mouse.shiftKey && current ? current.anchor.row : row, row, current && mouse.shiftKey ? current.columns : displayedColumns(e.api)))
            dragging.current = { kind: 'rows', at: mouse.timeStamp }
            return
          }
          const col = current?.columns.indexOf(Number(colId)) ?? -1
          if (mouse.shiftKey && current && col >= 0) setRange(extend(current, { row, col }), true)
          else {
            const columns = displayedColumns(e.api)
            setRange(cellRange({ row, col: columns.indexOf(Number(colId)) }, columns))
          }
          dragging.current = { kind: 'cells', at: mouse.timeStamp }
        }}
        onCellMouseOver={(e) => {
          const mouse = e.event as MouseEvent | null | undefined
          const current = range.current
          const drag = dragging.current
          if (!drag || !current || e.rowIndex === null || !mouse) return
          // a drag is the moves between its mousedown and the next release, whenever these events are handled
          const up = released.current > drag.at ? released.current : Infinity
          if ((mouse.buttons & 1) === 0 || mouse.timeStamp < drag.at || mouse.timeStamp > up) return
          const colId = e.column.getColId()
          const col = colId === 'rownum' || drag.kind === 'rows' ? current.focus.col : current.columns.indexOf(Number(colId))
          if (col < 0 || (current.focus.row === e.rowIndex && current.focus.col === col)) return
          setRange(extend(current, { row: e.rowIndex, col }), true)
        }}
        onCellFocused={(e) => {
          // keyboard navigation (arrows, Tab, Page keys) moves a one-cell selection; the mouse handlers do their own
          // (AG Grid's focus on a click carries the click as its source event; its keyboard navigation carries none)
          if (e.sourceEvent || e.rowIndex === null || !e.column) return
          const colId = typeof e.column === 'string' ? e.column : e.column.getColId()
          // the caret's own move: one setFocusedCell, one event, in order (any older ones never came: dropped too)
          const own = ownFocus.current.indexOf(`${e.rowIndex}:${colId}`)
          if (own >= 0) {
            ownFocus.current.splice(0, own + 1)
            return
          }
          // the focus has moved on since (a later event says where): the selection already follows the newer input
          const focused = e.api.getFocusedCell()
          if (focused?.rowIndex !== e.rowIndex || focused.column.getColId() !== colId) return
          const current = range.current
          if (colId === 'rownum') return
          if (current && current.focus.row === e.rowIndex && current.columns[current.focus.col] === Number(colId)) return
          const columns = displayedColumns(e.api)
          const col = columns.indexOf(Number(colId))
          if (col >= 0) setRange(cellRange({ row: e.rowIndex, col }, columns))
        }}
        onCellKeyDown={(e) => {
          const key = e.event as KeyboardEvent | null | undefined
          if (!key || !ownKey(key)) return // (their browser default is stopped by the wrapper's onKeyDown)
          const grid = e.api
          const keyCol = 'column' in e ? Number(e.column.getColId()) : NaN
          if (isMod(key) && key.key.toLowerCase() === 'a') {
            setRange(selectAll(rowCount(grid), displayedColumns(grid)))
          } else if (isMod(key)) {
            if (!range.current && e.rowIndex !== null) {
              const columns = displayedColumns(grid)
              const col = columns.indexOf(keyCol)
              if (col >= 0) setRange(cellRange({ row: e.rowIndex, col }, columns))
            }
            copyBlock(grid)
          } else {
            const [dRow, dCol] = ARROWS[key.key]!
            let current = range.current
            if (!current && e.rowIndex !== null) {
              const columns = displayedColumns(grid)
              current = cellRange({ row: e.rowIndex, col: Math.max(0, columns.indexOf(keyCol)) }, columns)
            }
            if (current) setRange(extendBy(current, dRow, dCol, rowCount(grid)), true)
          }
        }}
        onCellDoubleClicked={(e) => {
          const index = Number(e.column.getColId())
          if (Number.isInteger(index) && e.data) openCell(e.data[index] ?? null, result.columns[index]!, e.rowIndex ?? 0)
        }}
        onGridReady={(e) => {
          gridApi.current = e.api
          if (latest.current.done) e.api.setRowCount(latest.current.rowCount, true)
        }}
        // copy/export follow the grid's view at once, not only after the next block arrives
        // (rows are positions in the view: a new sort or filter puts other rows there, so the block goes)
        onSortChanged={(e) => {
          setRange(undefined)
          updateView(result.resultId, { sort: gridSort(e.api) })
        }}
        onFilterChanged={(e) => {
          setRange(undefined)
          updateView(result.resultId, { filter: toFilter(e.api.getFilterModel()), total: undefined })
        }}
        onColumnMoved={(e) => {
          if (e.finished && range.current) setRange(undefined)
        }}
        animateRows={false}
        suppressCellFocus={false}
      />
    </div>
  )
}
