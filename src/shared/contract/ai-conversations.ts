import { z } from 'zod'
import { AppErrorShape } from '../errors'
import { Plan } from '../plan/model'
import { AiConversationId, AiFinding, AiSqlCheck, AiTask, AiUsage } from './ai'
import { call, Id, Name, Ok } from './define'

/** What a conversation is about: pinned schemas and tables (qualified names as the schema model spells them). */
export const AiConversationScope = z
  .object({
    schemas: z.array(Name).max(200).default([]),
    tables: z.array(Name).max(500).default([])
  })
  .strict()
export type AiConversationScope = z.infer<typeof AiConversationScope>

export const AiConversationSummary = z.object({
  id: z.string(),
  connectionId: z.string(),
  /** Empty until the first question names it. */
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scope: AiConversationScope,
  turnCount: z.number().int(),
  /** Summed over the turns. */
  usage: AiUsage
})
export type AiConversationSummary = z.infer<typeof AiConversationSummary>

export const AiOptimizeOutcome = z.object({ plan: Plan, findings: z.array(AiFinding), analyze: z.boolean() })
export type AiOptimizeOutcome = z.infer<typeof AiOptimizeOutcome>

/** One finished question and answer, as kept in the local store. */
export const AiConversationTurn = z.object({
  id: z.number().int(),
  requestId: z.string().nullable(),
  task: AiTask,
  /** What the panel shows as the question. */
  prompt: z.string(),
  /** explain / fix / optimize: the query asked about; fix: the database error. */
  requestSql: z.string().nullable(),
  requestError: z.string().nullable(),
  answer: z.string(),
  sql: z.string().nullable(),
  check: AiSqlCheck.nullable(),
  providerId: z.string().nullable(),
  model: z.string().nullable(),
  usage: AiUsage,
  error: AppErrorShape.nullable(),
  /** optimize: the plan the answer was based on, its findings, and whether the plan was taken with ANALYZE. */
  optimize: AiOptimizeOutcome.nullable(),
  createdAt: z.string()
})
export type AiConversationTurn = z.infer<typeof AiConversationTurn>

export const AiConversation = AiConversationSummary.extend({ turns: z.array(AiConversationTurn) })
export type AiConversation = z.infer<typeof AiConversation>

export const aiConversationCalls = {
  /** The connection's conversations, most recently used first; `query` searches titles and turn text (FTS). */
  'ai.conversations.list': call(
    z.object({ connectionId: Id, query: z.string().max(500).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(AiConversationSummary)
  ),
  /** An empty conversation (e.g. to pin a scope before the first question). */
  'ai.conversations.create': call(z.object({ connectionId: Id, scope: AiConversationScope.optional() }).strict(), AiConversationSummary),
  'ai.conversations.get': call(z.object({ id: AiConversationId }).strict(), AiConversation),
  'ai.conversations.rename': call(z.object({ id: AiConversationId, title: z.string().trim().min(1).max(200) }).strict(), Ok),
  'ai.conversations.delete': call(z.object({ id: AiConversationId }).strict(), Ok),
  'ai.conversations.setScope': call(z.object({ id: AiConversationId, scope: AiConversationScope }).strict(), Ok)
}

/** The text shown as a turn's question, from what was asked. */
export function turnPromptText(input: { task: string; question?: string; sql?: string; error?: string }): string {
  if (input.question?.trim()) return input.question.trim()
  if (input.task === 'fix') return `Fix: ${input.error ?? ''}`
  if (input.task === 'describe') return 'Describe the tables that have no description'
  if (input.task === 'explainResult') return `Explain the result of: ${(input.sql ?? '').slice(0, 200)}`
  return `${input.task}: ${(input.sql ?? '').slice(0, 200)}`
}

/** A conversation's title from its first question: one line, at most 80 characters. */
export function conversationTitle(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim()
  return line.length <= 80 ? line : `${line.slice(0, 79).trimEnd()}…`
}
