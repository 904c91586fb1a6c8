import { useMemo, useState } from 'react'
import type { Plan } from '../../../../shared/plan'

function pretty(plan: Plan): string {
  if (plan.rawFormat !== 'json') return plan.raw
  try {
    return JSON.stringify(JSON.parse(plan.raw), null, 2)
  } catch {
    return plan.raw
  }
}

/** The engine's own output, unchanged (JSON indented), in a monospace view with a copy button. */
export function RawView({ plan }: { plan: Plan }): React.JSX.Element {
  const text = useMemo(() => pretty(plan), [plan])
  const [copied, setCopied] = useState(false)
  const copy = (): void => {
    void navigator.clipboard?.writeText(plan.raw).then(() => {
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    })
  }
  return (
    <div className="plan-raw">
      <div className="plan-raw-bar">
        <span className="muted">
          {plan.rawFormat.toUpperCase()} as the engine returned it · {plan.raw.length.toLocaleString()} characters
        </span>
        <span className="spacer" />
        <button onClick={copy} data-testid="plan-raw-copy">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre data-testid="plan-raw">{text}</pre>
    </div>
  )
}
