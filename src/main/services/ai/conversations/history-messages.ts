import { turnPromptText, type AiConversationTurn } from '../../../../shared/contract/ai-conversations'
import { estimateTokens, truncateToTokens } from '../prompt/budget'
import type { ChatMessage } from '../providers/types'

/** At most this share of the prompt's budget goes to earlier turns, and never more than HISTORY_MAX_TOKENS. */
const HISTORY_SHARE = 0.25
const HISTORY_MAX_TOKENS = 6_000
/** One turn's answer is cut to this share of the history budget, so one long answer cannot crowd out the rest. */
const TURN_SHARE = 0.5
const SUMMARY_CHARS = 120

export interface HistoryFit {
  /** The earlier turns sent in full, oldest first, as user/assistant pairs. */
  messages: ChatMessage[]
  /** Older turns as one line each (for the system prompt), oldest first; empty when none. */
  summary: string
  included: number
  summarised: number
  dropped: number
  tokens: number
}

/**
 * The earlier turns of a conversation that fit the budget: the newest in full, older ones as one-line summaries,
 * the oldest dropped. `mask` applies the request's privacy level to SQL, errors and answers (string literals hidden
 * below "schema + samples", with the same placeholders as the current query).
 */
export function historyMessages(turns: AiConversationTurn[], promptBudgetTokens: number, mask: (text: string) => string): HistoryFit {
  const budget = Math.min(HISTORY_MAX_TOKENS, Math.floor(promptBudgetTokens * HISTORY_SHARE))
  // A failed turn has no answer to pair with its question; describe batches are not conversation.
  const answered = turns.filter((t) => !t.error && t.answer.trim() && t.task !== 'describe')
  let remaining = budget
  const full: ChatMessage[][] = []
  let i = answered.length - 1
  for (; i >= 0; i--) {
    const turn = answered[i]
    const pair: ChatMessage[] = [
      { role: 'user', content: userText(turn, mask) },
      { role: 'assistant', content: truncateToTokens(mask(turn.answer), budget * TURN_SHARE) }
    ]
    const cost = estimateTokens(pair[0].content) + estimateTokens(pair[1].content)
    if (cost > remaining) break
    full.unshift(pair)
    remaining -= cost
  }
  const lines: string[] = []
  for (; i >= 0; i--) {
    const line = `- ${summaryLine(answered[i], mask)}`
    const cost = estimateTokens(line) + 1
    if (cost > remaining) break
    lines.unshift(line)
    remaining -= cost
  }
  const summary = lines.length ? `Earlier in this conversation (older turns, one line each):\n${lines.join('\n')}` : ''
  return { messages: full.flat(), summary, included: full.length, summarised: lines.length, dropped: i + 1, tokens: budget - remaining }
}

/** The user's side of an earlier turn, as the task sent it (SQL and error through the mask). */
function userText(turn: AiConversationTurn, mask: (text: string) => string): string {
  if (turn.task === 'ask') return `Question: ${turn.prompt}`
  const derived = turnPromptText({ task: turn.task, sql: turn.requestSql ?? undefined, error: turn.requestError ?? undefined })
  const parts = [`${turn.task[0].toUpperCase()}${turn.task.slice(1)} this query.${turn.prompt !== derived ? ` ${turn.prompt}` : ''}`]
  if (turn.requestSql) parts.push(`\`\`\`sql\n${mask(turn.requestSql)}\n\`\`\``)
  if (turn.requestError) parts.push(`Database error:\n${mask(turn.requestError)}`)
  return parts.join('\n')
}

function summaryLine(turn: AiConversationTurn, mask: (text: string) => string): string {
  const asked = turn.task === 'ask' ? turn.prompt : `${turn.task}: ${turn.requestSql ?? turn.prompt}`
  const answered = turn.sql ?? turn.answer
  return `${oneLine(mask(asked))} → ${oneLine(mask(answered))}`
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= SUMMARY_CHARS ? line : `${line.slice(0, SUMMARY_CHARS - 1)}…`
}
