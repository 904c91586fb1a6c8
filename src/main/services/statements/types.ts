import type { Dialect } from '../../../shared/cells'
import type { StatementKind } from '../../../shared/statement-kinds'
import type { DriverSession } from '../drivers/types'

export type { StatementKind } from '../../../shared/statement-kinds'

/** One statement of a script and where it starts in the submitted text. */
import type { StatementPiece } from '../../../shared/statement-split'

export type { StatementPiece }

/** What a statement does, and why the analyser thinks so (in words the user reads). */
export interface Verdict {
  kind: StatementKind
  reason: string
  /** A transaction or session statement that cannot lift read-only or touch the host (BEGIN, SET search_path). */
  readOnlySafe?: boolean
}

export interface AnalysedStatement extends StatementPiece, Verdict {}

/** A script split once and classified once; every path that runs SQL takes one of these. */
export interface Analysis {
  readonly dialect: Dialect
  readonly sql: string
  readonly statements: readonly AnalysedStatement[]
}

/** What the catalog adds to the rules (loaded once per connection). */
export interface StatementContext {
  /** The catalog could not be read for this analysis: rules that need it must answer 'unknown', never 'read'. */
  catalogUnavailable?: boolean
  /** PostgreSQL: lower-case function name → the most volatile `provolatile` among its overloads ('i' | 's' | 'v'). */
  functionVolatility?: ReadonlyMap<string, 'i' | 's' | 'v'>
  /**
   * PostgreSQL: relations whose reading may run a volatile function that is not on the allow-list (a view, or a view
   * on such a view, calling one; a table whose row-level security policy for reads calls one), keyed by lower-case
   * `schema.name` and bare `name` → why, in words that precede ", which may write" (`view v calls purge()`).
   */
  writingRelations?: ReadonlyMap<string, string>
}

/** One engine's rules: how a single statement (already split) is classified. Unknown must come back as 'unknown'. */
export interface StatementRules {
  /** Loads what the rules need before the first classify (a WASM parser). Called once; may be omitted. */
  ready?(): Promise<void>
  classify(text: string, context: StatementContext): Verdict
  /** Reads what the catalog knows (PostgreSQL: function volatility). Failure leaves the rules conservative. */
  loadContext?(session: DriverSession): Promise<StatementContext>
}
