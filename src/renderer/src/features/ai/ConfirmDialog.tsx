import { useEffect, useRef } from 'react'
import { useEscapeKey } from '../../app/use-escape-key'

interface Props {
  title: string
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
  testId: string
  children: React.ReactNode
}

/** A modal that asks before something changes the database: Cancel has the focus, Escape and a click beside it cancel. */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, testId, children }: Props): React.JSX.Element {
  useEscapeKey(onCancel)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
        <div className="modal-actions">
          <button ref={cancel} onClick={onCancel} data-testid={`${testId}-cancel`}>
            Cancel
          </button>
          <button className="danger" onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
