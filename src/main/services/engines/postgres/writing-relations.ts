import type { DriverSession } from '../../drivers/types'
import type { StatementContext, Verdict } from '../../statements/types'
import { harmlessVolatile } from './function-rules'

/**
 * Relations whose reading runs a volatile function ($1: the allow-list, trusted for functions in pg_catalog or
 * installed by an extension). What reading evaluates: a view's query (its ON SELECT rule) and a table's row-level
 * security USING expressions for reads. Built-in functions leave no pg_depend row, so calls are read from the stored
 * expression trees as well; user functions and operators come from pg_depend too; an aggregate runs its support
 * functions. Views and policies that read a writing relation are writing in turn (the recursive part; UNION keeps a
 * policy cycle finite). Objects made by initdb (system views such as pg_locks) are left out: they only report.
 */
const writingRelationsQuery = `
  with recursive
    readers(rel, classid, objid, tree) as (
      select r.ev_class, 'pg_catalog.pg_rewrite'::regclass, r.oid, r.ev_action::text
      from pg_catalog.pg_rewrite r join pg_catalog.pg_class c on c.oid = r.ev_class
      where c.relkind = 'v' and r.ev_type = '1' and c.oid >= 16384
      union all
      select p.polrelid, 'pg_catalog.pg_policy'::regclass, p.oid, p.polqual::text
      from pg_catalog.pg_policy p join pg_catalog.pg_class c on c.oid = p.polrelid
      where c.relrowsecurity and p.polcmd in ('r', '*')
    ),
    deps(rel, refclassid, refobjid) as (
      select distinct rd.rel, d.refclassid, d.refobjid
      from readers rd join pg_catalog.pg_depend d on d.classid = rd.classid and d.objid = rd.objid
    ),
    calls(rel, fn) as (
      select rd.rel, m[1]::oid
      from readers rd, regexp_matches(rd.tree, ':(?:funcid|opfuncid|aggfnoid|winfnoid) (\\d+)', 'g') m
      union
      select rel, refobjid from deps where refclassid = 'pg_catalog.pg_proc'::regclass
      union
      select d.rel, o.oprcode::oid
      from deps d join pg_catalog.pg_operator o on o.oid = d.refobjid
      where d.refclassid = 'pg_catalog.pg_operator'::regclass
    ),
    runs(rel, fn) as (
      select rel, fn from calls
      union
      select c.rel, s.fn
      from calls c join pg_catalog.pg_aggregate a on a.aggfnoid = c.fn,
        lateral (values (a.aggtransfn::oid), (a.aggfinalfn::oid), (a.aggcombinefn::oid), (a.aggmtransfn::oid),
                        (a.aggminvtransfn::oid), (a.aggmfinalfn::oid)) s(fn)
      where s.fn <> 0
    ),
    writing(rel, fn, via) as (
      select r.rel, r.fn, 0::oid
      from runs r join pg_catalog.pg_proc p on p.oid = r.fn
      where p.provolatile = 'v' and not (
        p.proname = any($1::text[]) and (
          p.pronamespace = 'pg_catalog'::regnamespace or exists (
            select 1 from pg_catalog.pg_depend e
            where e.classid = 'pg_catalog.pg_proc'::regclass and e.objid = p.oid
              and e.refclassid = 'pg_catalog.pg_extension'::regclass and e.deptype = 'e')))
      union
      select d.rel, w.fn, w.rel
      from deps d join writing w on d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = w.rel and d.rel <> w.rel
    )
  select * from (
    select distinct on (w.rel) n.nspname::text, c.relname::text, c.relkind::text, p.proname::text, v.relname::text,
      pg_catalog.pg_table_is_visible(c.oid) as visible
    from writing w
      join pg_catalog.pg_class c on c.oid = w.rel
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_proc p on p.oid = w.fn
      left join pg_catalog.pg_class v on v.oid = w.via
    order by w.rel, w.via <> 0, p.proname
  ) found
  order by visible desc`

/**
 * `view v calls purge()`, `view v2 calls purge() through v`, `table t has a row-level security policy that calls
 * purge()`; a relation the search path does not reach is named with its schema.
 */
function why(name: string, relkind: string, fn: string, via: unknown): string {
  const what = relkind === 'v' ? `view ${name} calls ${fn}()` : `table ${name} has a row-level security policy that calls ${fn}()`
  return typeof via === 'string' ? `${what} through ${via}` : what
}

/**
 * Which relations the session's catalog says may write when read, under `schema.name` and `name`. A bare name
 * shared by several schemas keeps the words of the one the search path reaches (the query lists those first).
 */
export async function loadWritingRelations(session: DriverSession): Promise<StatementContext> {
  const { rows } = await session.query(writingRelationsQuery, [[...harmlessVolatile]])
  const writingRelations = new Map<string, string>()
  for (const [schema, relation, relkind, fn, via, visible] of rows) {
    if (typeof schema !== 'string' || typeof relation !== 'string' || typeof relkind !== 'string' || typeof fn !== 'string') continue
    const reason = why(visible === true ? relation : `${schema}.${relation}`, relkind, fn, via)
    for (const key of [`${schema}.${relation}`.toLowerCase(), relation.toLowerCase()]) {
      if (!writingRelations.has(key)) writingRelations.set(key, reason)
    }
  }
  return { writingRelations }
}

/**
 * A verdict for a relation a statement names (a RangeVar: FROM, JOIN, TABLE, a subquery's FROM), or null for one
 * that only reads. An unqualified name matches a writing relation in any schema, as a function name does; pg_temp
 * stands for whichever temporary schema the session has. A CTE sharing such a name is flagged too (conservative).
 */
export function relationVerdict(fields: Record<string, unknown>, context: StatementContext): Verdict | null {
  if (typeof fields.relname !== 'string') return null
  // the session's catalog read failed: any view may call a function that writes
  if (context.catalogUnavailable) return { kind: 'unknown', reason: `what reading ${fields.relname} runs is not known (the catalog could not be read)` }
  if (!context.writingRelations) return null
  const name = fields.relname.toLowerCase()
  const schema = typeof fields.schemaname === 'string' ? fields.schemaname.toLowerCase() : undefined
  const key = schema === undefined || schema === 'pg_temp' ? name : `${schema}.${name}`
  const reason = context.writingRelations.get(key)
  return reason === undefined ? null : { kind: 'write', reason: `${reason}, which may write` }
}
