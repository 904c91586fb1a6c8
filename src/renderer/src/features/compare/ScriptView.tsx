import type { MigrationScript } from '../../../../shared/contract/compare'

/** The migration script, one block per statement, destructive ones highlighted with what they risk. */
export function ScriptView({ script }: { script: MigrationScript }): React.JSX.Element {
  return (
    <div className="compare-script" data-testid="compare-script">
      {script.warnings.map((w) => (
        <div key={w} className="compare-warning" data-testid="compare-warning">
          {w}
        </div>
      ))}
      {script.steps.length === 0 && <div className="muted">Nothing to change.</div>}
      {script.steps.map((s, i) => (
        <div key={i} className={`compare-step${s.risk ? ' destructive' : ''}`} data-testid={s.risk ? 'compare-destructive' : 'compare-step'}>
          {s.risk && <div className="compare-risk">⚠ {s.risk}</div>}
          <pre>{s.sql}</pre>
        </div>
      ))}
    </div>
  )
}
