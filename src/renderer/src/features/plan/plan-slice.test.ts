import { describe, expect, it, vi } from 'vitest'
import type { Plan } from '../../../../shared/plan'
import { emptyPlans, planActions, PLANS_KEPT } from './plan-slice'

const explained: unknown[] = vi.hoisted(() => [])
vi.mock('../../api/client', () => ({
  api: {
    call: async (_name: string, input: unknown) => {
      explained.push(input)
      return plan('after')
    }
  }
}))
type Slice = ReturnType<typeof emptyPlans>

function plan(operation: string, analyzed = false): Plan {
  return { engine: 'postgres', analyzed, root: { id: 'n1', kind: 'other', operation, conditions: [], details: [], children: [] }, notes: [], raw: '' } as unknown as Plan
}

function host() {
  const state = { id: 't1', connectionId: 'c-tab', plans: emptyPlans() as Slice, shown: '' }
  const actions = planActions(
    () => ({ ...state, showResult: (id: string) => void (state.shown = id) }),
    (plans) => void (state.plans = plans)
  )
  return { state, actions }
}

describe('plans opened from elsewhere (optimize findings, history)', () => {
  it('adds a plan once, selects it, marks its nodes and shows the plan view', () => {
    const { state, actions } = host()
    const p = plan('Seq Scan')
    const id = actions.openPlan({ plan: p, sql: 'select 1', connectionId: 'c1', source: 'Optimize', highlight: { nodeIds: ['n1'], label: 'finding' } })
    expect(state.plans.entries).toHaveLength(1)
    expect(state.plans.activeId).toBe(id)
    expect(state.plans.highlight).toEqual({ entryId: id, nodeIds: ['n1'], label: 'finding' })
    expect(state.shown).toBe('plan')
    // the same plan again: selected, not added
    expect(actions.openPlan({ plan: p, sql: 'select 1', connectionId: 'c1', highlight: { nodeIds: [] } })).toBe(id)
    expect(state.plans.entries).toHaveLength(1)
    actions.clearHighlight()
    expect(state.plans.highlight).toBeUndefined()
  })

  it('pins it as the baseline; a plan on another connection is then compared with it', async () => {
    const { state, actions } = host()
    const base = actions.openPlan({ plan: plan('Seq Scan'), sql: 'q', connectionId: 'c1', pin: true })
    await actions.explain({ sql: 'q2', analyze: false, editorOffset: 0, connectionId: 'c1', view: 'compare' })
    expect(explained.at(-1)).toMatchObject({ connectionId: 'c1', sql: 'q2', analyze: false })
    expect(state.plans.baselineId).toBe(base)
    expect(state.plans.entries).toHaveLength(2)
    expect(state.plans.activeId).not.toBe(base)
    expect(state.plans.view).toBe('compare')
    expect(state.plans.entries[1]!.connectionId).toBe('c1')
  })

  it('keeps the pinned baseline and the newest plans', () => {
    const { state, actions } = host()
    const base = actions.openPlan({ plan: plan('first'), sql: 'q', connectionId: 'c1', pin: true })
    for (let i = 0; i < PLANS_KEPT + 3; i++) actions.openPlan({ plan: plan(`p${i}`), sql: 'q', connectionId: 'c1' })
    expect(state.plans.entries).toHaveLength(PLANS_KEPT + 1)
    expect(state.plans.entries[0]!.id).toBe(base)
    expect(state.plans.entries.at(-1)!.plan.root.operation).toBe(`p${PLANS_KEPT + 2}`)
  })
})
