import { AgGridReact } from 'ag-grid-react'
import { colorSchemeDark, colorSchemeLight, themeQuartz, type ColDef, type GridApi, type IDatasource, type SelectionChangedEvent } from 'ag-grid-community'
import { useEffect, useMemo, useRef } from 'react'
import './ag-grid-setup'
import type { Cell } from '../../../../shared/cells'
import { api } from '../../api/client'
import { useAppStore } from '../../app/app-store'
import { useCellViewer } from './cell-viewer-store'
import { displayCell, initialColumnWidth, numberFilterOptions, numericKinds, textFilterOptions, toFilter, toSort } from './grid-model'
import { useGridViews } from './grid-view-store'
import type { ResultView } from './results-store'

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
        cellClass: 'cell-rownum'
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
          cellClass: numeric ? 'cell-number' : undefined,
          cellClassRules: { 'cell-null': (p) => p.value === null && p.data !== undefined },
          valueFormatter: (p) => displayCell(p.value, c.kind)
        }
      })
    ],
    [result.columns]
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
                columns.map((c, i) => ({ key: String(i), newWidth: initialColumnWidth(c.name, page.rows.slice(0, 50).map((r) => displayCell(r[i], c.kind))) }))
              )
            }
          })
          .catch(() => params.failCallback())
      }
    }),
    [result.resultId, updateView]
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

  const onSelectionChanged = (e: SelectionChangedEvent<Cell[]>): void => {
    const rows = e.api.getSelectedNodes().map((n) => n.rowIndex ?? -1).filter((i) => i >= 0)
    updateView(result.resultId, { selection: rows.length ? { from: Math.min(...rows), to: Math.max(...rows) + 1 } : undefined })
  }

  return (
    <div className="result-grid" data-testid="result-grid" data-result-id={result.resultId}>
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
        rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }}
        onSelectionChanged={onSelectionChanged}
        onCellKeyDown={(e) => {
          const key = e.event as KeyboardEvent | undefined
          if (!key || !(key.ctrlKey || key.metaKey) || key.key.toLowerCase() !== 'c') return
          if (window.getSelection()?.toString()) return // the user selected text inside a cell: the browser copies it
          const view = useGridViews.getState().views[result.resultId]
          const range = view?.selection
          if (range && range.to - range.from > 1) {
            void api
              .call('query.copy', { resultId: result.resultId, from: range.from, to: range.to, format: 'tsv', sort: view?.sort, filter: view?.filter })
              .then(({ text }) => navigator.clipboard.writeText(text))
          } else if ('value' in e && e.value !== undefined) {
            void navigator.clipboard.writeText(e.value === null ? '' : String(e.value))
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
        onSortChanged={(e) =>
          updateView(result.resultId, {
            selection: undefined,
            sort: gridSort(e.api)
          })
        }
        onFilterChanged={(e) => updateView(result.resultId, { selection: undefined, filter: toFilter(e.api.getFilterModel()), total: undefined })}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
      />
    </div>
  )
}
