import type { Dialect } from '../../../shared/cells'
import { splitStatementsBounded, yieldIfDue } from './split-bounded'
import type { DriverSession } from '../drivers/types'
import { assertReadOnlyAllowed } from './policy'
import type { AnalysedStatement, Analysis, StatementContext, StatementRules } from './types'

const prepared = new WeakMap<StatementRules, Promise<void>>()

/** Loads what the rules need (PostgreSQL's WASM parser) once; safe to call early, e.g. at start-up. */
export function ready(rules: StatementRules): Promise<void> {
  let p = prepared.get(rules)
  if (!p) {
    p = rules.ready?.() ?? Promise.resolve()
    prepared.set(rules, p)
  }
  return p
}

/**
 * Splits once and classifies every statement with the engine's rules. A rule that throws makes its statement
 * 'unknown' (which counts as a write): the analyser never lets an error turn into "read".
 */
export async function analyseWith(rules: StatementRules, dialect: Dialect, sql: string, context: StatementContext = {}): Promise<Analysis> {
  await ready(rules)
  // a large script is split in a worker thread and classified in slices, so other calls keep being answered
  const pieces = await splitStatementsBounded(sql, dialect)
  const statements: AnalysedStatement[] = []
  let turn = performance.now()
  for (const piece of pieces) {
    try {
      statements.push({ ...piece, ...rules.classify(piece.text, context) })
    } catch (e) {
      statements.push({ ...piece, kind: 'unknown' as const, reason: `could not be analysed (${e instanceof Error ? e.message : String(e)})` })
    }
    turn = await yieldIfDue(turn)
  }
  return { dialect, sql, statements }
}

/**
 * The analyser as one session sees it: catalog context (PostgreSQL's function volatility) is loaded once, on first
 * use, from that session. A driver handed a string analyses it here; one handed an Analysis uses it as it is.
 */
export class SessionAnalyser {
  private context?: Promise<StatementContext>

  constructor(
    private readonly rules: StatementRules,
    private readonly dialect: Dialect,
    private readonly session: () => DriverSession
  ) {}

  contextNow(): Promise<StatementContext> {
    const loading = (this.context ??= this.rules.loadContext?.(this.session()) ?? Promise.resolve({}))
    // a failed read is not kept: this analysis knows it has no catalog (the rules are cautious), the next one tries again
    return loading.catch(() => {
      if (this.context === loading) this.context = undefined
      return { catalogUnavailable: true }
    })
  }

  /**
   * What a driver runs: the input analysed (or the caller's analysis as it is), refused as a whole before anything
   * runs when the connection is read-only and one statement may write.
   */
  async scriptToRun(input: string | Analysis, readOnly: boolean): Promise<Analysis> {
    const script = await this.analyse(input)
    if (readOnly) assertReadOnlyAllowed(script)
    return script
  }

  /** The catalog changed (DDL ran, or a transaction that may have held DDL ended): read it again next time. */
  forget(): void {
    this.context = undefined
  }

  async analyse(input: string | Analysis): Promise<Analysis> {
    if (typeof input !== 'string') return input
    const analysis = await analyseWith(this.rules, this.dialect, input, await this.contextNow())
    // DDL may add the functions or views the context describes: the next analysis reads the catalog again
    if (analysis.statements.some((s) => s.kind === 'ddl')) this.context = undefined
    return analysis
  }
}
