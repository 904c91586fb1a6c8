import type { DriverSession } from '../../drivers/types'
import type { StatementContext } from '../../statements/types'

type Volatility = 'i' | 's' | 'v'

/**
 * Every function name, and every operator symbol (operators run functions), with the most volatile of its overloads
 * in any schema ('i' < 's' < 'v', so max picks it): a volatile overload anywhere makes the name a potential write.
 * Operator symbols cannot collide with function names, so one map holds both. An aggregate is catalogued immutable
 * whatever it runs, so its name also gets its support functions' volatility (a second row; the loader keeps the max).
 */
const volatilityQuery = `
  select lower(p.proname), max(p.provolatile)::text from pg_catalog.pg_proc p group by 1
  union all
  select o.oprname, max(p.provolatile)::text
  from pg_catalog.pg_operator o join pg_catalog.pg_proc p on p.oid = o.oprcode
  group by 1
  union all
  select lower(g.proname), max(f.provolatile)::text
  from pg_catalog.pg_aggregate a
    join pg_catalog.pg_proc g on g.oid = a.aggfnoid
    join pg_catalog.pg_proc f on f.oid in (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
  group by 1`

const isVolatility = (value: unknown): value is Volatility => value === 'i' || value === 's' || value === 'v'

/** The session's catalog as the PostgreSQL rules read it. */
export async function loadFunctionVolatility(session: DriverSession): Promise<StatementContext> {
  const { rows } = await session.query(volatilityQuery)
  const functionVolatility = new Map<string, Volatility>()
  for (const [name, volatility] of rows) {
    if (typeof name !== 'string' || !isVolatility(volatility)) continue
    const known = functionVolatility.get(name)
    if (!known || volatility > known) functionVolatility.set(name, volatility)
  }
  return { functionVolatility }
}
