import { describe, expect, it } from 'vitest'
import { AI_ROUTING_DEFAULT } from '../../../../shared/contract/ai-routing'
import { createProvider } from '../providers/registry'
import { classifyTask, routeChain } from './task-routing'

const provider = (id: string, model: string, baseUrl?: string) =>
  createProvider(
    { id, kind: baseUrl ? 'openai-compatible' : 'openai', label: id, enabled: true, baseUrl, model, contextTokens: 32_000, maxOutputTokens: 1_024, timeoutMs: 10_000 },
    baseUrl ? '' : 'sk-test'
  )

const strong = provider('strong', 'gpt-4.1')
const cheap = provider('cheap', 'gpt-4.1-nano')
const local = provider('local', 'llama3.1', 'http://127.0.0.1:11434/v1')
const ids = (chain: { config: { id: string } }[]) => chain.map((p) => p.config.id)

describe('routing by task', () => {
  it('classifies optimize and multi-table questions as complex, the rest as simple', () => {
    expect(classifyTask('optimize', 1)).toBe('complex')
    expect(classifyTask('ask', 3)).toBe('complex')
    expect(classifyTask('ask', 2)).toBe('simple')
    expect(classifyTask('explain', 9)).toBe('simple')
    expect(classifyTask('fix', 9)).toBe('simple')
  })

  it('sends simple tasks to a local model first, else the cheapest; complex ones to the strongest', () => {
    expect(ids(routeChain([strong, cheap, local], 'simple', AI_ROUTING_DEFAULT).chain)).toEqual(['local', 'strong', 'cheap'])
    expect(ids(routeChain([strong, cheap], 'simple', AI_ROUTING_DEFAULT).chain)).toEqual(['cheap', 'strong'])
    const complex = routeChain([local, cheap, strong], 'complex', AI_ROUTING_DEFAULT)
    expect(ids(complex.chain)).toEqual(['strong', 'local', 'cheap'])
    expect(complex.note).toContain('strong answers first')
  })

  it('follows the provider chosen in Settings, and leaves the chain alone when off', () => {
    expect(ids(routeChain([strong, cheap, local], 'complex', { enabled: true, simple: 'auto', complex: 'cheap' }).chain)).toEqual(['cheap', 'strong', 'local'])
    const off = routeChain([strong, cheap, local], 'simple', { ...AI_ROUTING_DEFAULT, enabled: false })
    expect(ids(off.chain)).toEqual(['strong', 'cheap', 'local'])
    expect(off.note).toBeUndefined()
  })

  it('keeps the chain when the chosen provider is not in it (disabled, or filtered out by privacy)', () => {
    expect(ids(routeChain([local], 'complex', { enabled: true, simple: 'auto', complex: 'strong' }).chain)).toEqual(['local'])
    expect(ids(routeChain([local, cheap], 'complex', { enabled: true, simple: 'auto', complex: 'gone' }).chain)).toEqual(['local', 'cheap'])
  })
})
