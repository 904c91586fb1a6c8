import { awaitsEnd } from '../../../../shared/transaction-state'
import { registerCommands } from '../../app/commands'
import { useAppStore } from '../../app/app-store'
import { runRequestFromEditor } from '../editor/editor-handle'
import { closeTab } from './tab-actions'
import { activeTabStore, useWorkspace } from './workspace-store'

const active = () => activeTabStore()?.getState()
const idle = (): boolean => !!active() && !active()!.run.running
const inTransaction = (): boolean => idle() && awaitsEnd(active()!.transaction)

function runFromEditor(scope: 'cursor' | 'script'): void {
  const tab = active()
  if (!tab || tab.run.running) return
  const request = runRequestFromEditor(scope, tab.sql)
  if (!request.sql.trim()) return
  void tab.runSql(request)
}

function cycleTab(step: number): void {
  const { ids, activeId, activate } = useWorkspace.getState()
  if (ids.length < 2 || !activeId) return
  activate(ids[(ids.indexOf(activeId) + step + ids.length) % ids.length]!)
}

registerCommands(
  { id: 'query.run', title: 'Run statement or selection', category: 'Query', keys: [{ key: 'Enter', mod: true }], enabled: idle, run: () => runFromEditor('cursor') },
  { id: 'query.runScript', title: 'Run script', category: 'Query', keys: [{ key: 'Enter', mod: true, shift: true }], enabled: idle, run: () => runFromEditor('script') },
  { id: 'query.cancel', title: 'Cancel the running query', category: 'Query', keys: [{ key: 'F2', mod: true }], enabled: () => !!active()?.run.running, run: () => active()?.cancel() },
  { id: 'transaction.commit', title: 'Commit', category: 'Transaction', keys: [{ key: 'Enter', mod: true, alt: true }], enabled: () => inTransaction() && active()!.transaction === 'open', run: () => active()?.commit() },
  { id: 'transaction.rollback', title: 'Rollback', category: 'Transaction', keys: [{ key: 'z', mod: true, alt: true }], enabled: inTransaction, run: () => active()?.rollback() },
  {
    id: 'transaction.toggleAutoCommit',
    title: 'Switch between auto-commit and manual transactions',
    category: 'Transaction',
    enabled: () => !!active(),
    run: () => active()?.setAutoCommit(!active()!.autoCommit)
  },
  { id: 'tabs.new', title: 'New query tab', category: 'Tabs', keys: [{ key: 'n', alt: true }], run: () => void useWorkspace.getState().add(active()?.connectionId ?? useAppStore.getState().browsingConnectionId ?? null) },
  { id: 'tabs.close', title: 'Close tab', category: 'Tabs', keys: [{ key: 'w', alt: true }], enabled: () => !!active(), run: () => closeTab(useWorkspace.getState().activeId!) },
  { id: 'tabs.reopen', title: 'Reopen closed tab', category: 'Tabs', keys: [{ key: 't', alt: true, shift: true }], enabled: () => !!useWorkspace.getState().closed, run: () => useWorkspace.getState().reopenClosed() },
  { id: 'tabs.next', title: 'Next tab', category: 'Tabs', keys: [{ key: 'PageDown', mod: true }], run: () => cycleTab(1) },
  { id: 'tabs.previous', title: 'Previous tab', category: 'Tabs', keys: [{ key: 'PageUp', mod: true }], run: () => cycleTab(-1) }
)
