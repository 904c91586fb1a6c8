import type { PlanEntry } from './plan-slice'

const label = (e: PlanEntry, baseline: boolean): string =>
  `Plan ${e.seq} · ${e.analyze ? 'Explain analyze' : 'Explain'}${e.source ? ` (${e.source})` : ''} · ${new Date(e.at).toLocaleTimeString()}${baseline ? ' · baseline' : ''}`

/** The tab's kept plans, newest last (in memory only: a reload starts with none). */
export function PlanPicker({ entries, activeId, baselineId, onSelect }: { entries: PlanEntry[]; activeId: string; baselineId?: string; onSelect(id: string): void }): React.JSX.Element {
  return (
    <select value={activeId} onChange={(e) => onSelect(e.target.value)} data-testid="plan-picker" title="This tab's last plans (kept until the app closes, not saved)">
      {entries.map((e) => (
        <option key={e.id} value={e.id}>
          {label(e, e.id === baselineId)}
        </option>
      ))}
    </select>
  )
}
