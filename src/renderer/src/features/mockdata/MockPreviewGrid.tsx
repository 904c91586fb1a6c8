import type { MockPreview } from './mockdata-store'

/** The first rows of one table as they would be written. */
export function MockPreviewGrid({ table }: { table: MockPreview['tables'][number] }): React.JSX.Element {
  return (
    <div className="mock-grid" data-testid={`mock-preview-${table.name}`}>
      <table>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={v === null ? 'muted' : undefined}>
                  {v === null ? 'NULL' : v.length > 40 ? `${v.slice(0, 39)}…` : v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
