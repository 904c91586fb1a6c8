import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../../store/local-store'
import { AiConversationTurn } from '../../../../shared/contract/ai-conversations'
import { parseSqlitePlan } from '../../../../shared/plan/parse/sqlite'
import { ConversationRepository, type NewTurn } from './conversation-repository'

let store: LocalStore
let repo: ConversationRepository

const turn = (prompt: string, answer: string, extra: Partial<NewTurn> = {}): NewTurn => ({ requestId: `a_${prompt.length}xxxxxx`, task: 'ask', prompt, answer, ...extra })

beforeEach(() => {
  store = openLocalStore(':memory:')
  repo = new ConversationRepository(store.db)
})
afterEach(() => store.close())

describe('ConversationRepository', () => {
  it('names a conversation after its first question and keeps the turns in order', () => {
    const c = repo.create('pg')
    expect(c.title).toBe('')
    repo.append(c.id, turn('  Which customers   ordered last week?  ', 'SELECT 1', { sql: 'SELECT 1', usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.01 } }))
    repo.append(c.id, turn('Only those from Paris', 'SELECT 2', { usage: { inputTokens: 20, outputTokens: 5, costUsd: 0.02 } }))
    const got = repo.get(c.id)
    expect(got.title).toBe('Which customers ordered last week?')
    expect(got.turns.map((t) => t.prompt)).toEqual(['  Which customers   ordered last week?  ', 'Only those from Paris'])
    expect(got.turnCount).toBe(2)
    expect(got.usage).toEqual({ inputTokens: 30, outputTokens: 10, costUsd: expect.closeTo(0.03, 6) })
  })

  it('searches titles and turn text with FTS, per connection, newest first', () => {
    const a = repo.create('pg')
    repo.append(a.id, turn('Revenue by region', 'SELECT region, sum(total) FROM invoices GROUP BY region'))
    const b = repo.create('pg')
    repo.append(b.id, turn('Late shipments', 'Use the shipments table'))
    const other = repo.create('mysql')
    repo.append(other.id, turn('Revenue by month', 'SELECT 1'))

    expect(repo.list('pg').map((c) => c.id)).toEqual([b.id, a.id])
    expect(repo.list('pg', { query: 'revenue' }).map((c) => c.id)).toEqual([a.id])
    // answer text and SQL are searched too, and every word must match
    expect(repo.list('pg', { query: 'invoices' }).map((c) => c.id)).toEqual([a.id])
    expect(repo.list('pg', { query: 'shipments late' }).map((c) => c.id)).toEqual([b.id])
    expect(repo.list('pg', { query: 'revenue shipments' })).toEqual([])
    // terms shorter than the trigram still match
    expect(repo.list('pg', { query: 'by' }).map((c) => c.id)).toEqual([a.id])
    // a rename is searchable at once, the old title no longer is
    repo.rename(b.id, 'Carrier delays')
    expect(repo.list('pg', { query: 'carrier' }).map((c) => c.id)).toEqual([b.id])
    expect(repo.list('pg', { query: 'late' }).map((c) => c.id)).toEqual([b.id]) // still in the turn's prompt
    repo.rename(a.id, 'Money')
    expect(repo.list('pg', { query: 'region' }).map((c) => c.id)).toEqual([a.id]) // the turn text still matches
  })

  it('deletes a conversation with its turns and their search entries', () => {
    const c = repo.create('pg')
    repo.append(c.id, turn('Top products', 'SELECT name FROM products'))
    repo.delete(c.id)
    expect(store.db.prepare('select count(*) as n from ai_conversation_turns').get()).toEqual({ n: 0 })
    expect(store.db.prepare(`select count(*) as n from ai_conversation_turns_fts where ai_conversation_turns_fts match '"products"'`).get()).toEqual({ n: 0 })
    expect(repo.list('pg', { query: 'products' })).toEqual([])
    expect(() => repo.get(c.id)).toThrow(/no longer exists/)
    expect(() => repo.delete(c.id)).toThrow(/no longer exists/)
  })

  it('keeps a scope and forgets every conversation of a deleted connection', () => {
    const c = repo.create('pg', { schemas: ['sales'], tables: [] })
    repo.setScope(c.id, { schemas: ['hr'], tables: ['sales.orders'] })
    expect(repo.get(c.id).scope).toEqual({ schemas: ['hr'], tables: ['sales.orders'] })
    repo.append(c.id, turn('q', 'a'))
    repo.forget('pg')
    expect(repo.list('pg')).toEqual([])
    expect(store.db.prepare('select count(*) as n from ai_conversation_turns').get()).toEqual({ n: 0 })
  })

  it('keeps an optimize answer with its plan, findings and ANALYZE choice, as the contract reads it', () => {
    const c = repo.create('pg')
    const plan = parseSqlitePlan([[2, 0, 0, 'SCAN orders'], [5, 0, 0, 'SEARCH customers USING INTEGER PRIMARY KEY (rowid=?)']])
    const nodeId = plan.root.children[0]?.id ?? plan.root.id
    const findings = [{ rank: 1, title: 'Full scan of orders', nodeIds: [nodeId], explanation: 'Add an index.', blocks: [] }]
    repo.append(c.id, turn('Optimize', 'Add an index on orders(customer_id).', { task: 'optimize', requestSql: 'SELECT 1', optimize: { plan, findings, analyze: true } }))
    repo.append(c.id, turn('And now?', 'Fine.'))
    const [optimized, plain] = repo.get(c.id).turns
    expect(AiConversationTurn.parse(optimized).optimize).toEqual({ plan, findings, analyze: true })
    expect(plain.optimize).toBeNull()
  })

  it('keeps a failed turn with its error', () => {
    const c = repo.create('pg')
    repo.append(c.id, turn('Why?', '', { error: { code: 'PROVIDER_ERROR', message: 'HTTP 500' } }))
    expect(repo.get(c.id).turns[0].error).toEqual({ code: 'PROVIDER_ERROR', message: 'HTTP 500' })
  })
})
