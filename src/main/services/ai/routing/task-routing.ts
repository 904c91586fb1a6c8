import type { AiTask } from '../../../../shared/contract/ai'
import type { AiRouting, AiTaskClass } from '../../../../shared/contract/ai-routing'
import { listPrice } from '../providers/pricing'
import type { Provider } from '../providers/types'

/** A question whose context needs this many tables is a multi-table question. */
export const COMPLEX_QUESTION_TABLES = 3

/** The class of a task, as AI_ROUTING_RULE states it. */
export function classifyTask(task: AiTask, tablesInContext: number): AiTaskClass {
  if (task === 'optimize') return 'complex'
  if (task === 'ask') return tablesInContext >= COMPLEX_QUESTION_TABLES ? 'complex' : 'simple'
  return 'simple'
}

export interface RoutedChain {
  chain: Provider[]
  /** Said to the user when routing changed who answers first. */
  note?: string
}

/** Puts the provider that should answer this class of task first; the others keep their order as the fallback. */
export function routeChain(chain: Provider[], taskClass: AiTaskClass, routing: AiRouting): RoutedChain {
  if (!routing.enabled || chain.length < 2) return { chain }
  const target = routing[taskClass]
  const chosen = target === 'auto' ? (taskClass === 'simple' ? cheapest(chain) : strongest(chain)) : chain.find((p) => p.config.id === target)
  if (!chosen || chosen === chain[0]) return { chain }
  const why = target === 'auto' ? (taskClass === 'simple' ? 'local or cheapest' : 'strongest') : 'chosen in Settings'
  return {
    chain: [chosen, ...chain.filter((p) => p !== chosen)],
    note: `A ${taskClass} task: ${chosen.config.label} answers first (${why}).`
  }
}

/** Local providers cost nothing; then the lowest list price; remote models without a known price come last. */
function cheapest(chain: Provider[]): Provider {
  const cost = (p: Provider) => (p.local ? 0 : priceOf(p) ?? Number.POSITIVE_INFINITY)
  return chain.reduce((best, p) => (cost(p) < cost(best) ? p : best))
}

/** The highest list price among remote providers stands in for strength; local ones only when nothing else is there. */
function strongest(chain: Provider[]): Provider {
  const strength = (p: Provider) => (p.local ? -1 : priceOf(p) ?? 0)
  return chain.reduce((best, p) => (strength(p) > strength(best) ? p : best))
}

function priceOf(p: Provider): number | undefined {
  const price = listPrice(p.config.model)
  return price ? price.input + price.output : undefined
}
