import { useCallback, useEffect, useState } from 'react'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import type { CheckState } from './sql-block-verdict'

/** Checks a block against the connection's schema and statement analyser (ai.checkSql), again when either changes. */
export function useSqlCheck(connectionId: string | undefined, sql: string): { state: CheckState; recheck(): void } {
  const key = `${connectionId ?? ''}\n${sql}`
  const [result, setResult] = useState<{ key: string; state: CheckState }>()
  const [round, setRound] = useState(0)
  useEffect(() => {
    if (!connectionId) return
    let current = true
    api.call('ai.checkSql', { connectionId, sql }).then(
      (check) => current && setResult({ key, state: { status: 'checked', check } }),
      (e) => current && setResult({ key, state: { status: 'failed', message: errorMessage(e) } })
    )
    return () => {
      current = false
    }
  }, [connectionId, sql, key, round])
  const recheck = useCallback(() => {
    setResult(undefined)
    setRound((n) => n + 1)
  }, [])
  // a result for another connection or text is never shown, not even for a moment
  const state: CheckState = !connectionId ? { status: 'idle' } : result?.key === key ? result.state : { status: 'checking' }
  return { state, recheck }
}
