import type { MockTablePlan } from '../../../../shared/contract'
import { overrideKey, useMockDataStore, type OverrideDraft } from './mockdata-store'

const KINDS: OverrideDraft['kind'][] = ['auto', 'constant', 'list', 'range', 'pattern']
const HINT: Record<OverrideDraft['kind'], string> = {
  auto: '',
  constant: 'value',
  list: 'a, b, c',
  range: 'min..max',
  pattern: 'ORD-#### (# digit, ? letter, * either)'
}

/** One table's columns: the generator the plan chose, and an override per column (kind, its text, NULL share). */
export function ColumnPlanTable({ table, disabled }: { table: MockTablePlan; disabled: boolean }): React.JSX.Element {
  const overrides = useMockDataStore((s) => s.overrides)
  const setOverride = useMockDataStore((s) => s.setOverride)
  return (
    <table className="mock-columns" data-testid={`mock-columns-${table.name}`}>
      <thead>
        <tr>
          <th>Column</th>
          <th>Type</th>
          <th>Generator</th>
          <th>Override</th>
          <th title="Share of NULLs, in percent (NOT NULL columns ignore it)">NULL %</th>
        </tr>
      </thead>
      <tbody>
        {table.columns.map((c) => {
          const key = overrideKey(table, c.name)
          const d = overrides[key] ?? { kind: 'auto', text: '', nullPercent: '' }
          const edit = (patch: Partial<OverrideDraft>) => {
            const next = { ...d, ...patch }
            setOverride(key, next.kind === 'auto' && !next.nullPercent ? null : next)
          }
          const fixed = c.omitted || disabled
          return (
            <tr key={c.name} className={c.omitted ? 'muted' : undefined}>
              <td>{c.name}</td>
              <td className="muted">{c.type}</td>
              <td data-testid={`mock-generator-${table.name}-${c.name}`}>
                {c.generator}
                {c.deferred && <span className="mock-badge" title="Left NULL on insert and filled by UPDATEs afterwards: this key breaks a foreign-key cycle">2nd pass</span>}
              </td>
              <td className="mock-override">
                <select value={d.kind} disabled={fixed} onChange={(e) => edit({ kind: e.target.value as OverrideDraft['kind'] })} aria-label={`Generator for ${c.name}`} data-testid={`mock-kind-${table.name}-${c.name}`}>
                  {KINDS.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
                {d.kind !== 'auto' && <input value={d.text} placeholder={HINT[d.kind]} disabled={fixed} onChange={(e) => edit({ text: e.target.value })} aria-label={`Override for ${c.name}`} data-testid={`mock-text-${table.name}-${c.name}`} />}
              </td>
              <td>
                <input className="mock-null" value={d.nullPercent} placeholder={c.nullable ? 'auto' : '—'} disabled={fixed || !c.nullable} onChange={(e) => edit({ nullPercent: e.target.value })} aria-label={`NULL percent for ${c.name}`} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
