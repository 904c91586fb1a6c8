import { useEffect, useState } from 'react'
import type { DataValues } from '../../../../shared/contract/data'
import { CellEditor } from './CellEditor'
import { DataGrid, type EditRequest, type GridRow } from './DataGrid'
import type { DataTab } from './data-store'
import { ConfirmDialog, PreviewDialog } from './Dialogs'
import { FilterBar } from './FilterBar'
import { pendingCount } from './pending'
import { tableStore } from './table-store'

/** One table's data: WHERE and per-column filters, the grid, count on demand, the SELECT, and pending edits. */
export function TableDataView({ tab }: { tab: DataTab }): React.JSX.Element {
  const store = tableStore(tab)
  const s = store()
  const [whereDraft, setWhereDraft] = useState(s.where)
  const [editing, setEditing] = useState<EditRequest>()
  const [current, setCurrent] = useState<GridRow>()
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!store.getState().info) void store.getState().load()
  }, [store])

  if (s.openError)
    return (
      <div className="data-view-message data-error" data-testid="data-open-error">
        Could not open {tab.table.schema ? `${tab.table.schema}.` : ''}
        {tab.table.name}: {s.openError}
      </div>
    )
  if (!s.info) return <div className="data-view-message muted">Opening {tab.table.name}…</div>
  const info = s.info
  const changes = pendingCount(s.pending)
  const editable = info.editable

  const duplicate = (): void => {
    if (!current) return
    const values: DataValues = {}
    info.columns.forEach((c, i) => {
      if (c.identity || c.generated) return
      const v = current.newId ? s.pending.inserts.find((r) => r.id === current.newId)?.values[c.name] : (current.key && s.pending.updates[current.key]?.set[c.name]) ?? current.cells[i]
      if (v !== undefined) values[c.name] = v
    })
    s.addRow(values)
  }
  const remove = (): void => {
    if (!current) return
    if (current.newId) s.removeNewRow(current.newId)
    else if (current.key && current.keyValues) s.toggleDelete(current.key, current.keyValues)
  }
  const revert = (): void => {
    const id = current?.newId ?? current?.key
    if (id) s.revertRow(id)
  }

  return (
    <div className="data-table-view" data-testid="data-table-view" data-table={tab.table.name}>
      <div className="data-toolbar">
        <span className="data-title" title={`${info.table.schema}.${info.table.name} (${info.table.kind.replace('_', ' ')})`}>
          {info.table.kind === 'table' ? '▦' : '◫'} {info.table.schema ? `${info.table.schema}.` : ''}
          {info.table.name}
        </span>
        <label className="data-where">
          <span>WHERE</span>
          <input
            value={whereDraft}
            placeholder="SQL condition, e.g. price > 10 and name like 'A%' (Enter to apply)"
            spellCheck={false}
            onChange={(e) => setWhereDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && s.setWhere(whereDraft)}
            data-testid="data-where"
          />
        </label>
        <button onClick={() => s.setWhere(whereDraft)} title="Read the rows again with this condition" data-testid="data-refresh">
          ⟳ Refresh
        </button>
        <button onClick={() => void s.countRows()} disabled={s.counting} data-testid="data-count">
          {s.counting ? 'Counting…' : 'Count rows'}
        </button>
        <span className="data-count" data-testid="data-count-value">
          {s.count != null ? `${s.count.toLocaleString('en-US')} rows` : info.rowEstimate != null ? `~${info.rowEstimate.toLocaleString('en-US')} rows (estimate)` : ''}
        </span>
      </div>
      <FilterBar key={tab.id} columns={info.columns} filters={s.filters} onApply={s.setFilters} />
      {!editable && (
        <div className="data-banner" data-testid="data-not-editable">
          Read only: {info.notEditableReason ?? 'this table cannot be edited here.'}
        </div>
      )}
      {editable && (
        <div className="data-edit-bar">
          <button onClick={() => s.addRow()} data-testid="data-add-row" title="Add a row (double-click its cells to fill them)">
            + Row
          </button>
          <button onClick={duplicate} disabled={!current} data-testid="data-duplicate-row">
            Duplicate
          </button>
          <button onClick={remove} disabled={!current} data-testid="data-delete-row" title="Mark the current row for deletion (again to undo)">
            Delete
          </button>
          <button onClick={revert} disabled={!current} data-testid="data-revert-row">
            Revert row
          </button>
          <button onClick={s.revertAll} disabled={!changes} data-testid="data-revert-all">
            Revert all
          </button>
          <span className="data-pending" data-testid="data-pending">
            {changes ? `${changes} pending change${changes === 1 ? '' : 's'}` : 'Double-click a cell to edit'}
          </span>
          <span className="spacer" />
          {info.production && <span className="data-production">production</span>}
          <button onClick={() => void s.showPreview()} disabled={!changes} data-testid="data-preview-button">
            Preview SQL
          </button>
          <button className="primary" onClick={() => void s.apply()} disabled={!changes || s.applying} data-testid="data-apply">
            {s.applying ? 'Applying…' : 'Apply'}
          </button>
        </div>
      )}
      {s.applyMessage && (
        <div className={s.applyMessage.ok ? 'data-ok' : 'data-error'} data-testid="data-apply-message">
          {s.applyMessage.text}
        </div>
      )}
      {s.rowsError && (
        <div className="data-error" data-testid="data-rows-error">
          {s.rowsError}
        </div>
      )}
      {s.countError && (
        <div className="data-error" data-testid="data-count-error">
          Count failed: {s.countError}
        </div>
      )}
      <DataGrid store={store} info={info} onEdit={setEditing} onCurrentRow={setCurrent} />
      <div className="data-sql" data-testid="data-sql-bar">
        <code data-testid="data-sql" title={s.sql}>
          {s.sql ?? ''}
        </code>
        <button
          disabled={!s.sql}
          onClick={() => {
            void navigator.clipboard.writeText(s.sql ?? '').then(() => {
              setCopied(true)
              setTimeout(() => setCopied(false), 1200)
            })
          }}
          data-testid="data-copy-sql"
        >
          {copied ? 'Copied' : 'Copy SQL'}
        </button>
      </div>
      {editing && (
        <CellEditor
          column={editing.column}
          isNew={!!editing.row.newId}
          at={editing.at}
          value={
            editing.row.newId
              ? s.pending.inserts.find((r) => r.id === editing.row.newId)?.values[editing.column.name]
              : editing.row.key && s.pending.updates[editing.row.key] && editing.column.name in s.pending.updates[editing.row.key]!.set
                ? s.pending.updates[editing.row.key]!.set[editing.column.name]
                : editing.row.cells[editing.index]
          }
          onClose={() => setEditing(undefined)}
          onSave={(value) => {
            const { row, column, index } = editing
            if (row.newId) s.editNewCell(row.newId, column.name, value)
            else if (row.key && row.keyValues && value !== undefined) s.editCell(row.key, row.keyValues, column.name, value, row.cells[index] ?? null)
            setEditing(undefined)
          }}
        />
      )}
      {s.preview && <PreviewDialog statements={s.preview.statements} error={s.preview.error} onClose={s.closePreview} onApply={() => void s.apply()} />}
      {s.confirmApply && (
        <ConfirmDialog
          title="Apply to a production connection?"
          message={`${changes} change${changes === 1 ? '' : 's'} will be applied to ${info.table.schema ? `${info.table.schema}.` : ''}${info.table.name} on a connection tagged production, in one transaction.`}
          confirm="Apply"
          onConfirm={() => void s.apply(true)}
          onCancel={s.cancelConfirm}
        />
      )}
    </div>
  )
}
