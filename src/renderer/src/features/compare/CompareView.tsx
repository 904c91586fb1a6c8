import './compare.css'
import { useAppStore } from '../../app/app-store'
import { useCompareStore } from './compare-store'
import { DifferenceTree } from './DifferenceTree'
import { ScriptView } from './ScriptView'
import { ReviewAnswer, ReviewScriptButton } from './ReviewScript'
import { SidePicker } from './SidePicker'

/** Schema compare: two sides, the differences as a tree with side-by-side DDL, and the script that turns left into right. */
export function CompareView(): React.JSX.Element {
  const s = useCompareStore()
  const connections = useAppStore((a) => a.connections)
  const web = useAppStore((a) => a.mode === 'web')
  const left = s.left
  const target = left?.kind === 'connection' ? connections.find((c) => c.id === left.connectionId) : undefined
  const object = s.result?.objects[s.selected]
  const script = s.result?.script
  const applyBlocked = !script?.steps.length
    ? 'There is nothing to apply.'
    : s.left?.kind !== 'connection'
      ? 'The left side is a snapshot: a script can only be applied to a connection.'
      : target?.readOnly
        ? `"${target.name}" is read-only: turn Read-only off in its settings to apply a migration.`
        : null

  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="compare-toolbar">
        <SidePicker label="Target (left)" testId="compare-left" pick={s.left} connections={connections} allowSnapshot={false} onPick={s.setLeft} />
        <span className="muted">becomes</span>
        <SidePicker label="Source (right)" testId="compare-right" pick={s.right} connections={connections} allowSnapshot onPick={s.setRight} />
        <button onClick={() => void s.run()} disabled={!s.left || !s.right || s.running} data-testid="compare-run">
          {s.running ? 'Comparing…' : 'Compare'}
        </button>
      </div>
      {s.error && <div className="inline-error" data-testid="compare-error">{s.error}</div>}
      {s.applied && (
        <div className={s.applied.ok ? 'compare-applied ok' : 'inline-error'} data-testid="compare-applied">
          {s.applied.ok
            ? `Applied ${s.applied.applied} statements.`
            : `${s.applied.rolledBack ? 'Rolled back, nothing changed' : `Stopped after ${s.applied.applied} statements`}: ${s.applied.error}`}
        </div>
      )}
      {s.result && (
        <>
          <div className="compare-summary" data-testid="compare-summary">
            {s.result.objects.length === 0
              ? `No differences: ${s.result.leftLabel} matches ${s.result.rightLabel}.`
              : `${s.result.summary.added} added, ${s.result.summary.removed} removed, ${s.result.summary.changed} changed`}
          </div>
          {s.result.objects.length > 0 && (
            <div className="compare-body">
              <DifferenceTree objects={s.result.objects} selected={s.selected} onSelect={s.select} />
              {object && (
                <div className="compare-ddl" data-testid="compare-ddl">
                  <div className="compare-ddl-side">
                    <div className="compare-ddl-head">{s.result.leftLabel}</div>
                    <pre data-testid="compare-ddl-left">{object.leftDdl ?? '(does not exist)'}</pre>
                  </div>
                  <div className="compare-ddl-side">
                    <div className="compare-ddl-head">{s.result.rightLabel}</div>
                    <pre data-testid="compare-ddl-right">{object.rightDdl ?? '(does not exist)'}</pre>
                  </div>
                </div>
              )}
            </div>
          )}
          {script ? (
            <div className="compare-script-panel">
              <div className="compare-script-bar">
                <strong>Migration script</strong>
                <span className="muted">{script.transactional ? 'runs in one transaction' : 'runs statement by statement (DDL is not transactional here)'}</span>
                <button onClick={() => void s.save()} disabled={!script.steps.length} data-testid="compare-save">
                  Save…
                </button>
                <ReviewScriptButton connectionId={s.left?.kind === 'connection' ? s.left.connectionId : undefined} script={script} />
                <button className="danger" onClick={() => s.askApply(true)} disabled={!!applyBlocked || s.applying} title={applyBlocked ?? undefined} data-testid="compare-apply">
                  {s.applying ? 'Applying…' : 'Apply'}
                </button>
                {applyBlocked && script.steps.length > 0 && <span className="muted" data-testid="compare-apply-reason">{applyBlocked}</span>}
                {s.saved && (
                  <span className="muted" data-testid="compare-saved">
                    Saved to {s.saved.path}{' '}
                    {web && (
                      <a href={`/download/${encodeURIComponent(s.saved.downloadId)}`} download>
                        Download
                      </a>
                    )}
                  </span>
                )}
              </div>
              <ReviewAnswer />
              <ScriptView script={script} />
            </div>
          ) : (
            <div className="muted">No migration script: the two sides are different engines, or this engine has no migration planner yet.</div>
          )}
        </>
      )}
      {s.confirming && script && target && (
        <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && s.askApply(false)}>
          <div className="modal" role="alertdialog" aria-label="Apply migration" data-testid="compare-confirm">
            <h2>Apply the migration to {target.name}?</h2>
            <p>
              {script.steps.length} statements change the schema of {target.name}
              {target.tag === 'production' ? ' (a production connection)' : ''}.{' '}
              {script.transactional ? 'They run in one transaction: an error rolls everything back.' : 'This engine cannot roll DDL back: an error stops the script with the earlier statements applied.'}
            </p>
            {script.steps.some((x) => x.risk) && (
              <ul className="compare-confirm-risks">
                {script.steps.flatMap((x) => (x.risk ? [<li key={x.sql}>{x.risk}</li>] : []))}
              </ul>
            )}
            <div className="modal-actions">
              <button autoFocus onClick={() => s.askApply(false)} data-testid="compare-confirm-cancel">
                Cancel
              </button>
              <button className="danger" onClick={() => void s.apply()} data-testid="compare-confirm-apply">
                Apply
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
