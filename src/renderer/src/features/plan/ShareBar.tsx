import { formatShare } from './plan-format'

/** A node's own share of the plan's time or cost, as a thin bar with the percentage. */
export function ShareBar({ share }: { share: number | undefined }): React.JSX.Element {
  const pct = Math.max(0, Math.min(1, share ?? 0)) * 100
  const level = pct >= 30 ? 'high' : pct >= 10 ? 'mid' : 'low'
  return (
    <span className="plan-share" title={share === undefined ? undefined : `${formatShare(share)} of the plan's total`}>
      <span className="plan-share-track">
        <span className={`plan-share-fill plan-share-${level}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="plan-share-pct">{formatShare(share)}</span>
    </span>
  )
}
