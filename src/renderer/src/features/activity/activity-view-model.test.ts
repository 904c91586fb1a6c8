import { describe, expect, it } from 'vitest'
import type { ActivitySession } from '../../../../shared/contract'
import { chainStatements, chainText } from './chain-text'
import { formatDuration } from './format-duration'
import { sortSessions } from './session-sort'

const session = (pid: number, patch: Partial<ActivitySession> = {}): ActivitySession => ({
  pid,
  user: 'app',
  database: 'shop',
  clientAddress: null,
  application: null,
  state: 'active',
  statement: null,
  statementTruncated: false,
  statementMs: null,
  transactionMs: null,
  wait: null,
  blockedBy: [],
  own: false,
  ...patch
})

describe('activity view model', () => {
  it('sorts by duration with the sessions that have none last, whichever the direction', () => {
    const list = [session(1), session(2, { statementMs: 50 }), session(3, { statementMs: 9000 })]
    expect(sortSessions(list, { key: 'statementMs', descending: true }).map((s) => s.pid)).toEqual([3, 2, 1])
    expect(sortSessions(list, { key: 'statementMs', descending: false }).map((s) => s.pid)).toEqual([2, 3, 1])
  })

  it('formats durations for reading', () => {
    expect([formatDuration(null), formatDuration(850), formatDuration(12_340), formatDuration(245_000), formatDuration(7_380_000)]).toEqual([
      '',
      '850 ms',
      '12.3 s',
      '4 min 05 s',
      '2 h 03 min'
    ])
  })

  it('renders the chain as indented text with each session and its statement once', () => {
    const sessions = [
      session(10, { state: 'idle in transaction', transactionMs: 65_000, statement: 'update t set v = 1 where id = 1' }),
      session(20, { wait: 'Lock: transactionid', statement: 'update t set v = 2\n where id = 1;', blockedBy: [10] })
    ]
    const tree = [
      { pid: 10, depth: 0, waitsFor: null },
      { pid: 20, depth: 1, waitsFor: 10 }
    ]
    expect(chainText(tree, sessions)).toBe(
      'blocker: session 10 (user app, database shop) [idle in transaction, transaction open 65 s]: update t set v = 1 where id = 1\n' +
        '  └ waits for the session above: session 20 (user app, database shop) [active, waiting on Lock: transactionid]: update t set v = 2 where id = 1;'
    )
    expect(chainStatements([...tree, { pid: 10, depth: 0, waitsFor: null }], sessions)).toBe(
      '-- session 10\nupdate t set v = 1 where id = 1;\n-- session 20\nupdate t set v = 2\n where id = 1;'
    )
  })
})
