import { z } from 'zod'

/** `auto`, or the id of the provider that answers this class of task first (the rest of the chain stays the fallback). */
const RouteTarget = z.union([z.literal('auto'), z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)])

/** Which provider answers which kind of task. Off: every task goes down the configured chain in order. */
export const AiRouting = z.object({
  enabled: z.boolean().default(true),
  simple: RouteTarget.default('auto'),
  complex: RouteTarget.default('auto')
})
export type AiRouting = z.infer<typeof AiRouting>

export const AI_ROUTING_DEFAULT: AiRouting = { enabled: true, simple: 'auto', complex: 'auto' }

export type AiTaskClass = 'simple' | 'complex'

/** The rule as Settings shows it; the routing code follows exactly this text. */
export const AI_ROUTING_RULE = {
  simple: 'Simple: explain, fix, describe, and questions that need one or two tables. Auto: a local model, else the cheapest by list price.',
  complex: 'Complex: optimize, and questions that need three or more tables. Auto: the strongest, i.e. the highest list price (local models last).',
  note: 'A provider you pick for one request always answers it; privacy rules apply first; the rest of the chain is the fallback.'
} as const
