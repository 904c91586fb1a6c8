import type { ActivitySession } from '../../../../shared/contract'
import { ConfirmDialog } from '../ai/ConfirmDialog'
import { useActivityStore } from './activity-store'

/** Asks before a cancel or terminate is sent, naming the session and what it runs. */
export function SessionActionDialog({ sessions }: { sessions: ActivitySession[] }): React.JSX.Element | null {
  const pending = useActivityStore((s) => s.pending)
  const { confirm, dismiss } = useActivityStore.getState()
  if (!pending) return null
  const s = sessions.find((x) => x.pid === pending.pid)
  const terminate = pending.action === 'terminate'
  return (
    <ConfirmDialog
      title={terminate ? `Terminate session ${pending.pid}?` : `Cancel the statement of session ${pending.pid}?`}
      confirmLabel={terminate ? 'Terminate session' : 'Cancel statement'}
      onConfirm={() => void confirm()}
      onCancel={dismiss}
      testId="activity-confirm"
    >
      <p>
        {terminate
          ? 'The session is ended: its open transaction is rolled back and its client loses the connection.'
          : 'The running statement is stopped with an error; the session and its transaction stay.'}{' '}
        This is recorded in the audit log.
      </p>
      {s && (
        <p className="muted">
          {[s.user, s.database, s.application, s.state].filter(Boolean).join(' · ')}
          {s.statement && (
            <>
              <br />
              <code>{s.statement}</code>
            </>
          )}
        </p>
      )}
    </ConfirmDialog>
  )
}
