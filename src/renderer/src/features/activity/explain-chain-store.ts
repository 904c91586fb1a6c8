import type { ActivitySession, BlockingTreeRow } from '../../../../shared/contract'
import { createOneOffAnswerStore } from '../ai/one-off-answer'
import { chainStatements, chainText } from './chain-text'

const QUESTION = 'Explain this blocking chain from the database activity view: who blocks whom, the likely cause, and what to do about it.'

/** "Explain this blocking chain": the existing assistant's explain task, asked about the chain as text. */
export const useExplainChainStore = createOneOffAnswerStore()

export function explainChain(connectionId: string, tree: readonly BlockingTreeRow[], sessions: readonly ActivitySession[]): Promise<void> {
  return useExplainChainStore
    .getState()
    .ask({ connectionId, task: 'explain', question: `${QUESTION}\n\n${chainText(tree, sessions)}`, sql: chainStatements(tree, sessions) || '-- no statement text is visible for these sessions' })
}
