import type { Plan } from '../../../../shared/plan'
import { api } from '../../api/client'
import { errorShape } from '../../api/api-error'
import type { RunError } from '../workspace/run-state'

/** How many plans a tab keeps (newest last), so a later one can be compared with an earlier one. In memory only. */
export const PLANS_KEPT = 8

export interface PlanEntry {
  id: string
  /** 1, 2, 3… in the order the tab made its plans. */
  seq: number
  plan: Plan
  /** The statement planned, as sent. */
  sql: string
  analyze: boolean
  connectionId: string
  at: number
  /** Where a plan not taken in this tab came from ("Optimize", "history"), for the picker. */
  source?: string
}

export interface ExplainRequest {
  sql: string
  analyze: boolean
  /** Where `sql` starts in the editor text (error positions map back); 0 when it did not come from the editor. */
  editorOffset: number
  /** Plan on this connection instead of the tab's (the assistant's answer was about it). */
  connectionId?: string
  /** The view to show the new plan in (e.g. 'compare' after "Try it"). */
  view?: PlanViewKind
}

export interface PendingExplain extends ExplainRequest {
  token: number
  startedAt: number
}

/** A tab's plans: kept in the tab's store, never persisted (a reload starts with none). */
export interface PlanSlice {
  entries: PlanEntry[]
  /** The plan on screen. */
  activeId?: string
  /** "Pin as baseline": later plans of the tab are compared with it. */
  baselineId?: string
  pending?: PendingExplain
  error?: RunError
  /** Nodes to mark in one plan (an optimize finding's nodes); shown only while that plan is on screen. */
  highlight?: PlanHighlight
  /** The view shown (tree when unset). */
  view?: PlanViewKind
}

export type PlanViewKind = 'tree' | 'flame' | 'raw' | 'compare'

export interface PlanHighlight {
  entryId: string
  nodeIds: string[]
  /** What the nodes are, e.g. the finding's title. */
  label?: string
}

/** A plan made elsewhere (an optimize answer, history) to show in the tab's plan view. */
export interface OpenPlanRequest {
  plan: Plan
  sql: string
  connectionId: string
  source?: string
  highlight?: { nodeIds: string[]; label?: string }
  /** Pin it as the baseline. */
  pin?: boolean
}

export interface PlanActions {
  /** Plans one statement on the tab's connection and shows the plan view. */
  explain(request: ExplainRequest): Promise<void>
  /** Stops waiting for a plan (its answer, if it comes, is dropped). */
  cancelExplain(): void
  selectPlan(id: string): void
  /** Pins a plan as the baseline; undefined unpins. */
  pinBaseline(id: string | undefined): void
  /** Adds a plan made elsewhere to the tab's plans (once: the same plan again is selected) and shows it; returns its entry id. */
  openPlan(request: OpenPlanRequest): string
  setPlanView(view: PlanViewKind): void
  clearHighlight(): void
}

export const emptyPlans = (): PlanSlice => ({ entries: [] })

/** What the plan actions need of the tab store. */
interface PlanHost {
  id: string
  connectionId: string | null
  plans: PlanSlice
  showResult(id: string): void
}

/** The results-panel tab id of the plan view. */
export const PLAN_VIEW = 'plan'

let nextToken = 0

/**
 * A plan's error where a run's error shows. The engine's line/column are of the EXPLAIN text main sent (the statement
 * behind an `EXPLAIN (…)` prefix), not of the statement, so they are left out rather than point at the wrong place.
 */
function asRunError(request: ExplainRequest, error: ReturnType<typeof errorShape>): RunError {
  const { line: _line, column: _column, position: _position, ...detail } = error.detail ?? {}
  return { ...error, detail: error.detail ? detail : undefined, editorOffset: request.editorOffset, sql: request.sql }
}

export function planActions(get: () => PlanHost, setPlans: (plans: PlanSlice) => void): PlanActions {
  const update = (patch: Partial<PlanSlice>): void => setPlans({ ...get().plans, ...patch })
  /** The entries with `entry` added: the baseline stays while it is pinned, however many plans come after it. */
  const keep = (entries: PlanEntry[], entry: PlanEntry, baselineId: string | undefined): PlanEntry[] =>
    [...entries, entry].filter((e, i, all) => e.id === baselineId || e.id === entry.id || i >= all.length - PLANS_KEPT)
  return {
    async explain(request) {
      const { id: tabId } = get()
      const connectionId = request.connectionId ?? get().connectionId
      get().showResult(PLAN_VIEW)
      if (!connectionId) {
        update({ pending: undefined, error: asRunError(request, { code: 'INVALID_INPUT', message: 'Choose a connection for this tab first (the picker above the editor).' }) })
        return
      }
      if (!request.sql.trim()) {
        update({ pending: undefined, error: asRunError(request, { code: 'INVALID_INPUT', message: 'There is no statement at the cursor to explain.' }) })
        return
      }
      const token = ++nextToken
      update({ pending: { ...request, token, startedAt: Date.now() }, error: undefined })
      try {
        const plan = await api.call('plan.explain', { connectionId, sql: request.sql, analyze: request.analyze, tabId })
        if (get().plans.pending?.token !== token) return
        const { entries, baselineId } = get().plans
        const entry: PlanEntry = { id: `plan-${token}`, seq: (entries.at(-1)?.seq ?? 0) + 1, plan, sql: request.sql, analyze: request.analyze, connectionId, at: Date.now() }
        update({ entries: keep(entries, entry, baselineId), activeId: entry.id, pending: undefined, error: undefined, ...(request.view ? { view: request.view } : {}) })
      } catch (error) {
        if (get().plans.pending?.token !== token) return
        update({ pending: undefined, error: asRunError(request, errorShape(error)) })
      }
    },
    cancelExplain() {
      if (get().plans.pending) update({ pending: undefined })
    },
    selectPlan(id) {
      update({ activeId: id, error: undefined })
    },
    pinBaseline(id) {
      update({ baselineId: id })
    },
    openPlan(request) {
      const { entries, baselineId } = get().plans
      let entry = entries.find((e) => e.plan === request.plan)
      const added = !entry
      entry ??= {
        id: `plan-${++nextToken}`,
        seq: (entries.at(-1)?.seq ?? 0) + 1,
        plan: request.plan,
        sql: request.sql,
        analyze: request.plan.analyzed,
        connectionId: request.connectionId,
        at: Date.now(),
        source: request.source
      }
      const pinned = request.pin ? entry.id : baselineId
      update({
        entries: added ? keep(entries, entry, pinned) : entries,
        activeId: entry.id,
        baselineId: pinned,
        error: undefined,
        highlight: request.highlight ? { entryId: entry.id, ...request.highlight } : undefined,
        view: request.highlight ? 'tree' : get().plans.view
      })
      get().showResult(PLAN_VIEW)
      return entry.id
    },
    setPlanView(view) {
      update({ view })
    },
    clearHighlight() {
      update({ highlight: undefined })
    }
  }
}
