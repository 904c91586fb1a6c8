import type { CompareObject } from '../../../../shared/contract/compare'

const SIGN = { added: '+', removed: '−', changed: '~' } as const

/** The differences grouped by object kind; a click shows that object's DDL side by side. */
export function DifferenceTree({ objects, selected, onSelect }: { objects: CompareObject[]; selected: number; onSelect(i: number): void }): React.JSX.Element {
  const kinds = [...new Set(objects.map((o) => o.object))]
  return (
    <div className="compare-tree" data-testid="compare-tree" role="tree">
      {kinds.map((kind) => (
        <div key={kind} role="group" aria-label={kind}>
          <div className="compare-kind">{kind}</div>
          {objects.map((o, i) =>
            o.object !== kind ? null : (
              <div key={`${o.object} ${o.name}`} role="treeitem" aria-selected={i === selected}>
                <button className={`compare-node change-${o.change}${i === selected ? ' selected' : ''}`} onClick={() => onSelect(i)} data-testid="compare-node" data-change={o.change}>
                  <span className="compare-sign">{SIGN[o.change]}</span> {o.name}
                </button>
                {o.parts?.map((p) => (
                  <div key={`${p.part} ${p.name}`} className={`compare-part change-${p.change}`}>
                    {SIGN[p.change]} {p.part} {p.name}
                    {p.fields?.length ? `: ${p.fields.map((f) => `${f.field} ${f.before ?? 'none'} → ${f.after ?? 'none'}`).join('; ')}` : p.definition ? ` ${p.definition}` : ''}
                  </div>
                ))}
                {o.fields?.map((f) => (
                  <div key={f.field} className="compare-part change-changed">
                    ~ {f.field}
                  </div>
                ))}
              </div>
            )
          )}
        </div>
      ))}
    </div>
  )
}
