import type { ColumnModel, CompositeTypeModel, DomainModel, IndexModel, RoutineModel, SequenceModel, TableModel, TriggerModel } from '../../../../shared/schema-model'
import type { Cell } from '../../../../shared/cells'
import { bool, type CatalogResult, type CatalogRow, type CatalogSession, groupBy, num, numOrNull, positions, queryRows, rowsOf, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter, type SchemaNames } from '../../schema/introspector'

const SYSTEM_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'`
const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers', 'routines', 'types'] as const
const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }
/** Tables (partitions included: each is a table with `partitionOf`), views, materialized views, foreign tables. */
const RELKINDS = `c.relkind in ('r', 'p', 'v', 'm', 'f')`
/** Separates expression texts inside one aggregated cell (an ASCII unit separator never appears in SQL text). */
const SEP = '\u001f'

function schemaFilter(options?: IntrospectOptions): string {
  return options?.schemas?.length ? `n.nspname in (${sqlStringList(options.schemas)})` : SYSTEM_SCHEMAS
}

/** Objects created by extensions (e.g. pgcrypto's functions) belong to the extension, not the user's schema. */
const notFromExtension = (classTable: string, oid: string): string =>
  `not exists (select 1 from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${oid} and d.deptype = 'e')`

/** `{1,2}` (int2[] as text) or `1 2` (int2vector as text) → [1, 2]. */
function attnums(v: CatalogRow[string]): number[] {
  if (v === null) return []
  // One pass over the digits (tens of thousands of keys at 20,000 tables): `{1,2}`, `1 2`, `-1`.
  const text = String(v)
  const out: number[] = []
  let n = 0
  let sign = 1
  let inNumber = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48)
      inNumber = true
    } else if (c === 45 && !inNumber) sign = -1
    else {
      if (inNumber) out.push(sign * n)
      n = 0
      sign = 1
      inNumber = false
    }
  }
  if (inNumber) out.push(sign * n)
  return out
}

interface Relation {
  schema: string
  name: string
  /** attnum → column name */
  columns: string[]
  /** attnum → the column's collation oid (an index key's collation is printed only when it differs) */
  collations: string[]
}

/**
 * PostgreSQL from pg_catalog. Every query is set-based and keyed by relation oid and attribute number, so that the
 * big ones (columns, constraints, indexes) return numbers rather than repeated schema/table/column names and never
 * join pg_attribute per key column: 5,000 tables are read in a handful of round trips.
 */
export const postgresIntrospector: Introspector = {
  dialect: 'postgres',

  async listNames(session, options) {
    const [ctx] = await queryRows(session, `select current_database() as db, current_schema() as cs`)
    const schemas = await queryRows(session, `select n.nspname as name from pg_namespace n where ${schemaFilter(options)} order by 1`)
    const rows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as name, c.relkind as kind, pn.nspname as parent_schema, pc.relname as parent_name
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_inherits inh on c.relispartition and inh.inhrelid = c.oid
         left join pg_class pc on pc.oid = inh.inhparent
         left join pg_namespace pn on pn.oid = pc.relnamespace
        where ${RELKINDS} and ${schemaFilter(options)}
        order by 1, 2`
    )
    return {
      database: str(ctx!.db),
      defaultSchema: str(ctx!.cs) || 'public',
      schemas: schemas.map((r) => str(r.name)),
      tables: rows.map((r) => ({
        schema: str(r.schema),
        name: str(r.name),
        kind: relkindToKind(str(r.kind)),
        ...(r.parent_name === null ? {} : { partitionOf: { schema: str(r.parent_schema), table: str(r.parent_name) } })
      }))
    } satisfies SchemaNames
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    const filter = schemaFilter(options)
    step('names')
    const [ctx] = await queryRows(session, `select current_database() as db, current_schema() as cs, current_setting('server_version_num')::int as version`)
    // pg_trigger.tgparentid (13+) marks the copies of a partitioned table's row triggers on its partitions.
    const clonedTrigger = num(ctx!.version) >= 130000 ? 'and t.tgparentid = 0' : ''

    // The queries run one after another on the session's one connection, each sent the moment the previous one's rows
    // are in (the small ones first, the three big ones last): the server works on the next query while the rows of the
    // previous one become the model. One query at a time, as the driver wants it; a failure is thrown where it is awaited.
    const send = queryQueue(session)
    const schemasQ = send(`select n.nspname as name from pg_namespace n where ${filter} order by 1`)
    const tablesQ = send(
      `select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind, d.description as comment,
              case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
              case when c.reltuples < 0 then null else c.reltuples::float8 end as row_estimate,
              case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_key,
              case when c.relkind = 'p' then
                (select string_agg(case when pn2.nspname = n.nspname then pc2.relname else pn2.nspname || '.' || pc2.relname end, e'\\x1f' order by pc2.relname)
                   from pg_inherits i2 join pg_class pc2 on pc2.oid = i2.inhrelid join pg_namespace pn2 on pn2.oid = pc2.relnamespace
                  where i2.inhparent = c.oid)
              end as partitions,
              case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
              pn.nspname as parent_schema, pc.relname as parent_name
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_description d on d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
         left join pg_inherits inh on c.relispartition and inh.inhrelid = c.oid
         left join pg_class pc on pc.oid = inh.inhparent
         left join pg_namespace pn on pn.oid = pc.relnamespace
        where ${RELKINDS} and ${filter}
        order by 2, 3`
    )
    const triggersQ = send(
      `select t.tgrelid::int8 as relid, t.tgname as name, t.tgtype::int as type, pg_get_triggerdef(t.oid, true) as definition,
              t.tgenabled as enabled, case when pn.nspname = n.nspname then p.proname else pn.nspname || '.' || p.proname end as function
         from pg_trigger t
         join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_proc p on p.oid = t.tgfoid
         join pg_namespace pn on pn.oid = p.pronamespace
        where not t.tgisinternal ${clonedTrigger} and ${filter}
        order by t.tgrelid, t.tgname`
    )
    const routinesQ = send(
      `select n.nspname as schema, p.proname as name, p.prokind as kind, l.lanname as language, d.description as comment,
              pg_get_function_identity_arguments(p.oid) as args,
              case when p.prokind in ('f', 'a') then pg_get_function_result(p.oid) end as returns,
              case when p.prokind in ('f', 'p') then pg_get_functiondef(p.oid) end as definition,
              case when p.prokind = 'a' then pg_get_function_arguments(p.oid) end as agg_args, p.proparallel as parallel,
              a.aggkind, a.aggtransfn::text as sfunc, format_type(a.aggtranstype, null) as stype, a.aggtransspace as sspace,
              nullif(a.aggfinalfn::oid, 0)::regproc::text as finalfunc, a.aggfinalextra as finalfunc_extra, a.aggfinalmodify as finalfunc_modify,
              nullif(a.aggcombinefn::oid, 0)::regproc::text as combinefunc, nullif(a.aggserialfn::oid, 0)::regproc::text as serialfunc,
              nullif(a.aggdeserialfn::oid, 0)::regproc::text as deserialfunc, a.agginitval as initcond,
              nullif(a.aggmtransfn::oid, 0)::regproc::text as msfunc, nullif(a.aggminvtransfn::oid, 0)::regproc::text as minvfunc,
              case when a.aggmtranstype <> 0 then format_type(a.aggmtranstype, null) end as mstype, a.aggmtransspace as msspace,
              nullif(a.aggmfinalfn::oid, 0)::regproc::text as mfinalfunc, a.aggmfinalextra as mfinalfunc_extra, a.aggmfinalmodify as mfinalfunc_modify,
              a.aggminitval as minitcond, (select o.oprname from pg_operator o where o.oid = a.aggsortop) as sortop
         from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
         join pg_language l on l.oid = p.prolang
         left join pg_aggregate a on a.aggfnoid = p.oid
         left join pg_description d on d.objoid = p.oid and d.classoid = 'pg_proc'::regclass and d.objsubid = 0
        where p.prokind in ('f', 'p', 'a') and ${filter} and ${notFromExtension('pg_proc', 'p.oid')}
        order by 1, 2, 6`
    )
    const sequencesQ = send(
      `select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as data_type,
              s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
              s.seqcache::text as cache, s.seqcycle as cycle,
              (select case when tn.nspname = n.nspname then tc.relname else tn.nspname || '.' || tc.relname end || '.' || ta.attname
                 from pg_depend d
                 join pg_class tc on tc.oid = d.refobjid
                 join pg_namespace tn on tn.oid = tc.relnamespace
                 join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
                where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass
                  and d.deptype = 'a' and d.refobjsubid > 0
                limit 1) as owned_by
         from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_sequence s on s.seqrelid = c.oid
        where c.relkind = 'S' and ${filter}
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')
        order by 1, 2`
    )
    const enumsQ = send(
      `select n.nspname as schema, t.typname as name, e.enumlabel as label
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
        where t.typtype = 'e' and ${filter} and ${notFromExtension('pg_type', 't.oid')}
        order by 1, 2, e.enumsortorder`
    )
    const domainsQ = send(
      `select n.nspname as schema, t.typname as name, format_type(t.typbasetype, t.typtypmod) as base_type,
              t.typnotnull as not_null, t.typdefault as default_expr,
              case when t.typcollation <> 0 and t.typcollation <> bt.typcollation then ${collationName('t.typcollation')} end as collation,
              (select string_agg(con.conname || e'\\x1f' || pg_get_constraintdef(con.oid, true), e'\\x1e' order by con.conname)
                 from pg_constraint con where con.contypid = t.oid and con.contype = 'c') as checks
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_type bt on bt.oid = t.typbasetype
        where t.typtype = 'd' and ${filter} and ${notFromExtension('pg_type', 't.oid')}
        order by 1, 2`
    )
    const compositesQ = send(
      `select n.nspname as schema, t.typname as name, a.attname as attribute, format_type(a.atttypid, a.atttypmod) as type,
              case when a.attcollation <> 0 and a.attcollation <> at.typcollation then ${collationName('a.attcollation')} end as collation
         from pg_type t
         join pg_namespace n on n.oid = t.typnamespace
         join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         join pg_type at on at.oid = a.atttypid
        where t.typtype = 'c' and ${filter} and ${notFromExtension('pg_type', 't.oid')}
        order by 1, 2, a.attnum`
    )
    // `let`, each let go once read: a settled promise keeps its rows (200,000 at 20,000 tables) alive otherwise.
    let columnsQ: Promise<CatalogResult> | null = send(
      `select a.attrelid::int8 as relid, a.attnum, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
              a.attnotnull as not_null, a.attidentity as identity, a.attgenerated as generated,
              pg_get_expr(ad.adbin, ad.adrelid) as default_expr, d.description as comment, a.attcollation::int8 as collation_oid,
              case when a.attcollation <> 0 and a.attcollation <> t.typcollation then ${collationName('a.attcollation')} end as collation
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_type t on t.oid = a.atttypid
         left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
         left join pg_description d on d.objoid = a.attrelid and d.classoid = 'pg_class'::regclass and d.objsubid = a.attnum
        where a.attnum > 0 and not a.attisdropped and ${RELKINDS} and ${filter}
        order by a.attrelid, a.attnum`
    )
    // A partition's copies of its parent's keys belong to the parent (left out); its copies of the parent's foreign
    // keys stay, marked inheritedFrom. The per-partition copies that a foreign key *to* a partitioned table gets on
    // the referencing table (same conrelid as their parent constraint) are left out: the key is listed once.
    let constraintsQ: Promise<CatalogResult> | null = send(
      `select con.conrelid::int8 as relid, con.conname as name, con.contype as type, con.conkey::text as keys,
              con.confrelid::int8 as ref_relid, con.confkey::text as ref_keys, con.confdeltype as on_delete, con.confupdtype as on_update,
              con.condeferrable as deferrable, con.condeferred as deferred, parent.conrelid::int8 as parent_relid,
              case when con.contype in ('c', 'x') then pg_get_constraintdef(con.oid, true) end as check_def
         from pg_constraint con
         join pg_class c on c.oid = con.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_constraint parent on parent.oid = con.conparentid
        where con.contype in ('p', 'u', 'f', 'c', 'x') and ${filter}
          and not (con.contype = 'f' and coalesce(parent.conrelid = con.conrelid, false))
          and not (con.contype in ('p', 'u', 'x') and con.conparentid <> 0)
        order by con.conrelid, con.conname`
    )
    // A partition's index attached to its parent's index belongs to the parent and is left out.
    let indexesQ: Promise<CatalogResult> | null = send(
      `select i.indrelid::int8 as relid, ic.relname as name, i.indisunique as is_unique, am.amname as method,
              pg_get_expr(i.indpred, i.indrelid, true) as predicate, i.indkey::text as keys, i.indoption::text as options,
              i.indnkeyatts as key_count, i.indcollation::text as collations, i.indclass::text as classes,
              case when 0 = any (i.indkey::int2[]) then
                (select string_agg(pg_get_indexdef(i.indexrelid, k, true), e'\\x1f' order by k) from generate_series(1, i.indnkeyatts::int) k)
              end as expressions
         from pg_index i
         join pg_class c on c.oid = i.indrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_class ic on ic.oid = i.indexrelid
         join pg_am am on am.oid = ic.relam
         left join pg_constraint pc on pc.conindid = i.indexrelid and pc.contype in ('p', 'u', 'x')
        where pc.oid is null and ${filter}
          and not exists (select 1 from pg_inherits ih where ih.inhrelid = i.indexrelid)
        order by i.indrelid, ic.relname`
    )

    const schemaRows = rowsOf(await schemasQ)
    const tableRows = rowsOf(await tablesQ)
    // Relations by oid, with their attnum → name maps; foreign keys into schemas outside the filter fetch theirs.
    const relations = new Map<string, Relation>()
    const tables: TableModel[] = []
    const tableOf = new Map<string, TableModel>()
    for (const r of tableRows) {
      const oid = str(r.oid)
      relations.set(oid, { schema: str(r.schema), name: str(r.name), columns: [], collations: [] })
      const kind = relkindToKind(str(r.kind))
      const partitioning = r.partition_key === null ? null : /^(\S+)\s*\(([\s\S]*)\)$/.exec(str(r.partition_key))
      // Every object of the model is built with its keys in code-unit order (optional ones in their place): the
      // fingerprint and the cache JSON are then the engine's own JSON.stringify (see isStableJson).
      const table: TableModel = {
        columns: [],
        comment: strOrNull(r.comment),
        constraints: [],
        definition: kind === 'table' ? null : strOrNull(r.definition)?.trim() ?? null,
        foreignKeys: [],
        indexes: [],
        kind,
        name: str(r.name),
        ...(r.parent_name === null ? {} : { partitionOf: { bound: str(r.partition_bound), schema: str(r.parent_schema), table: str(r.parent_name) } }),
        ...(partitioning
          ? { partitioning: { key: partitioning[2]!, partitions: r.partitions === null ? [] : str(r.partitions).split(SEP), strategy: partitioning[1]!.toLowerCase() } }
          : {}),
        primaryKey: null,
        rowEstimate: kind === 'view' ? null : numOrNull(r.row_estimate),
        schema: str(r.schema),
        triggers: []
      }
      tables.push(table)
      tableOf.set(oid, table)
    }
    for (const r of rowsOf(await triggersQ)) tableOf.get(str(r.relid))?.triggers.push(toTrigger(r))
    const routines = rowsOf(await routinesQ).map(toRoutine)
    const sequences = rowsOf(await sequencesQ).map(toSequence)
    const enumRows = rowsOf(await enumsQ)
    const domains = rowsOf(await domainsQ).map(toDomain)
    const compositeRows = rowsOf(await compositesQ)

    step('columns')
    {
      // Rows come ordered by relation: one lookup per relation, cells read by position (no object per row).
      const result = await columnsQ
      columnsQ = null
      const at = positions(result, COLUMN_CELLS)
      let relid: Cell | undefined
      let rel: Relation | undefined
      let table: TableModel | undefined
      for (const row of result.rows) {
        if (row[at.relid] !== relid) {
          relid = row[at.relid]
          rel = relations.get(str(relid!))
          table = tableOf.get(str(relid!))
        }
        const attnum = num(row[at.attnum]!)
        const name = str(row[at.name]!)
        if (rel) {
          rel.columns[attnum] = name
          rel.collations[attnum] = str(row[at.collation_oid]!)
        }
        table?.columns.push(toColumn(row, at, name))
      }
    }
    step('constraints')
    const constraintRows = rowsOf(await constraintsQ)
    constraintsQ = null
    const outside = [
      ...new Set(
        constraintRows
          .flatMap((r) => [str(r.type) === 'f' ? str(r.ref_relid) : '', r.parent_relid === null ? '' : str(r.parent_relid)])
          .filter((oid) => oid !== '' && !relations.has(oid))
      )
    ]
    const outsideQ = outside.length
      ? send(
          `select c.oid::int8 as oid, n.nspname as schema, c.relname as name, a.attnum, a.attname
           from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum > 0
          where c.oid in (${outside.map(Number).join(', ')})`
        )
      : null
    const applyAllConstraints = (): void => {
      for (const [oid, rows] of groupBy(constraintRows, (r) => str(r.relid))) {
        const table = tableOf.get(oid)
        if (table) applyConstraints(table, relations.get(oid)!, rows, relations)
      }
    }
    if (!outsideQ) applyAllConstraints()

    step('indexes')
    const indexRows = rowsOf(await indexesQ)
    indexesQ = null
    const indexNames = await indexKeyNames(async (sql) => rowsOf(await send(sql)), indexRows)
    if (outsideQ) {
      for (const r of rowsOf(await outsideQ)) {
        if (!relations.has(str(r.oid))) relations.set(str(r.oid), { schema: str(r.schema), name: str(r.name), columns: [], collations: [] })
        relations.get(str(r.oid))!.columns[num(r.attnum)] = str(r.attname)
      }
      applyAllConstraints()
    }
    for (const r of indexRows) {
      const oid = str(r.relid)
      const table = tableOf.get(oid)
      if (table) table.indexes.push(toIndex(r, relations.get(oid)!, indexNames))
    }

    step('triggers')
    step('routines')
    step('types')
    liftPartitionKeys(tables)

    const enums = [...groupBy(enumRows, (r) => tableKey(str(r.schema), str(r.name))).values()].map((rows) => ({
      name: str(rows[0]!.name),
      schema: str(rows[0]!.schema),
      values: rows.map((r) => str(r.label))
    }))
    const types: CompositeTypeModel[] = [...groupBy(compositeRows, (r) => tableKey(str(r.schema), str(r.name))).values()].map((rows) => ({
      attributes: rows.map((r) => ({ ...(r.collation === null ? {} : { collation: str(r.collation) }), name: str(r.attribute), type: str(r.type) })),
      name: str(rows[0]!.name),
      schema: str(rows[0]!.schema)
    }))

    const model: IntrospectedModel = {
      dialect: 'postgres',
      database: str(ctx!.db),
      defaultSchema: str(ctx!.cs) || 'public',
      schemas: schemaRows.map((s) => str(s.name)),
      tables,
      routines,
      sequences,
      enums,
      domains,
      types
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

/**
 * Runs queries one at a time on a session, in the order they are sent: the next one goes out the moment the previous
 * one's rows are in, before whoever awaits those rows starts on them (so the server is never left idle while rows
 * are being turned into the model).
 */
function queryQueue(session: CatalogSession): (sql: string) => Promise<CatalogResult> {
  const waiting: (() => void)[] = []
  let busy = false
  /** After a failure the introspection is over: what is still waiting is not sent. */
  let failure: unknown = null
  const next = (): void => {
    busy = false
    waiting.shift()?.()
  }
  return (sql) => {
    const result = new Promise<CatalogResult>((resolve, reject) => {
      const run = (): void => {
        if (failure !== null) {
          reject(failure)
          next()
          return
        }
        busy = true
        session.query(sql).then(
          (result) => {
            next()
            resolve(result)
          },
          (err: unknown) => {
            failure = err ?? new Error('catalog query failed')
            next()
            reject(err)
          }
        )
      }
      if (busy) waiting.push(run)
      else run()
    })
    // Awaited by the caller, which throws the first failure; the ones after it are not reported as unhandled.
    result.catch(() => {})
    return result
  }
}

/**
 * Foreign keys defined on partitions rather than on their partitioned table (pagila's payment_p2022_01…) are listed
 * on the parent too, once per distinct key, with `inheritedFrom` naming the first partition that defines it: the
 * ER diagram and completion read the parent. A key the parent has itself is not repeated.
 */
function liftPartitionKeys(tables: TableModel[]): void {
  const byName = new Map(tables.map((t) => [tableKey(t.schema, t.name), t]))
  const keyOf = (fk: TableModel['foreignKeys'][number]): string => JSON.stringify([fk.columns, fk.refSchema, fk.refTable, fk.refColumns])
  for (const t of tables) {
    const parent = t.partitionOf && byName.get(tableKey(t.partitionOf.schema, t.partitionOf.table))
    if (!parent) continue
    const have = new Set(parent.foreignKeys.map(keyOf))
    for (const fk of t.foreignKeys) {
      if (fk.inheritedFrom || have.has(keyOf(fk))) continue
      have.add(keyOf(fk))
      parent.foreignKeys.push(withSortedKeys({ ...fk, inheritedFrom: t.schema === parent.schema ? t.name : `${t.schema}.${t.name}` }))
    }
  }
}

/** The object with its keys in code-unit order (see isStableJson). */
function withSortedKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T
}

/** The collation with this oid as PostgreSQL names it: bare in pg_catalog, else schema-qualified. */
const collationName = (oid: string): string =>
  `(select case when cn.nspname = 'pg_catalog' then co.collname else cn.nspname || '.' || co.collname end
      from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace where co.oid = ${oid})`

/** How PostgreSQL prints an identifier (quote_ident): bare when lower-case and plain, else double-quoted. */
export function pgIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`
}

interface KeyNames {
  collations: Map<string, string>
  /** Non-default operator classes only. */
  opclasses: Map<string, string>
}

/** Names of the collations and non-default operator classes the index keys use: two small lookups, not a join per key. */
async function indexKeyNames(queryRows: (sql: string) => Promise<CatalogRow[]>, rows: CatalogRow[]): Promise<KeyNames> {
  const collOids = new Set(rows.flatMap((r) => attnums(r.collations)).filter((o) => o !== 0))
  const classOids = new Set(rows.flatMap((r) => attnums(r.classes)).filter((o) => o !== 0))
  const out: KeyNames = { collations: new Map(), opclasses: new Map() }
  if (collOids.size) {
    const coll = await queryRows(`select c.oid::int8 as oid, ${collationName('c.oid')} as name from pg_collation c where c.oid in (${[...collOids].join(', ')})`)
    for (const r of coll) out.collations.set(str(r.oid), str(r.name))
  }
  if (classOids.size) {
    const cls = await queryRows(
      `select o.oid::int8 as oid, o.opcname as name, n.nspname as schema
         from pg_opclass o join pg_namespace n on n.oid = o.opcnamespace where not o.opcdefault and o.oid in (${[...classOids].join(', ')})`
    )
    for (const r of cls) out.opclasses.set(str(r.oid), (str(r.schema) === 'pg_catalog' ? '' : `${pgIdent(str(r.schema))}.`) + pgIdent(str(r.name)))
  }
  return out
}

function relkindToKind(relkind: string): TableModel['kind'] {
  return relkind === 'v' ? 'view' : relkind === 'm' ? 'materialized_view' : 'table'
}

const COLUMN_CELLS = ['relid', 'attnum', 'name', 'type', 'not_null', 'identity', 'generated', 'default_expr', 'comment', 'collation_oid', 'collation'] as const

function toColumn(r: Cell[], at: Record<(typeof COLUMN_CELLS)[number], number>, name: string): ColumnModel {
  const generated = str(r[at.generated]!) === 's'
  const identity = str(r[at.identity]!)
  const collation = r[at.collation]!
  const comment = strOrNull(r[at.comment]!)
  const expression = strOrNull(r[at.default_expr]!)
  const type = str(r[at.type]!)
  const nullable = !bool(r[at.not_null]!)
  // Keys in code-unit order (see isStableJson); the common column (no collation, not generated, no identity) is one
  // object literal.
  if (collation === null && !generated && identity === '') return { comment, default: expression, generated: null, identity: false, name, nullable, type }
  const column: ColumnModel = {} as ColumnModel
  if (collation !== null) column.collation = str(collation)
  column.comment = comment
  column.default = generated ? null : expression
  column.generated = generated ? expression : null
  if (generated) column.generatedKind = 'stored'
  column.identity = identity !== ''
  if (identity === 'a') column.identityGeneration = 'always'
  else if (identity === 'd') column.identityGeneration = 'by_default'
  column.name = name
  column.nullable = nullable
  column.type = type
  return column
}

/** `CHECK ((price > 0))` → `(price > 0)`; `CHECK (a > 0) NOT VALID` keeps only the expression. */
export function stripCheck(def: string): string {
  const m = /^CHECK\s*\(([\s\S]*)\)(\s+NOT VALID)?$/i.exec(def.trim())
  return m ? m[1]!.trim() : def
}

/** DEFERRABLE [INITIALLY DEFERRED], only when set (most keys are neither). */
const deferral = (r: CatalogRow): { deferrable?: boolean; initiallyDeferred?: boolean } =>
  bool(r.deferrable) ? { deferrable: true, ...(bool(r.deferred) ? { initiallyDeferred: true } : {}) } : {}

const relName = (rel: Relation | undefined, schema: string): string => (!rel ? '' : rel.schema === schema ? rel.name : `${rel.schema}.${rel.name}`)

function applyConstraints(table: TableModel, rel: Relation, rows: CatalogRow[], relations: Map<string, Relation>): void {
  for (const r of rows) {
    const name = str(r.name)
    const cols = attnums(r.keys).map((n) => rel.columns[n] ?? String(n))
    switch (str(r.type)) {
      case 'p':
        table.primaryKey = { columns: cols, name }
        break
      case 'u':
        table.constraints.push({ columns: cols, ...deferral(r), kind: 'unique', name })
        break
      case 'c':
        table.constraints.push({ columns: cols, expression: stripCheck(str(r.check_def)), kind: 'check', name })
        break
      case 'x': {
        const { deferrable, initiallyDeferred } = deferral(r)
        table.constraints.push({
          columns: cols,
          ...(deferrable ? { deferrable } : {}),
          expression: str(r.check_def),
          ...(initiallyDeferred ? { initiallyDeferred } : {}),
          kind: 'exclusion',
          name
        })
        break
      }
      case 'f': {
        const ref = relations.get(str(r.ref_relid))
        const parent = r.parent_relid === null ? undefined : relations.get(str(r.parent_relid))
        table.foreignKeys.push({
          columns: cols,
          ...deferral(r),
          ...(parent ? { inheritedFrom: relName(parent, table.schema) } : {}),
          name,
          onDelete: FK_ACTIONS[str(r.on_delete)] ?? 'NO ACTION',
          onUpdate: FK_ACTIONS[str(r.on_update)] ?? 'NO ACTION',
          refColumns: attnums(r.ref_keys).map((n) => ref?.columns[n] ?? String(n)),
          refSchema: ref?.schema ?? '',
          refTable: ref?.name ?? ''
        })
        break
      }
    }
  }
}

function toIndex(r: CatalogRow, rel: Relation, names: KeyNames): IndexModel {
  const count = num(r.key_count)
  const keys = attnums(r.keys).slice(0, count)
  const options = attnums(r.options)
  const collations = attnums(r.collations)
  const classes = attnums(r.classes)
  const expressions = r.expressions === null ? [] : str(r.expressions).split(SEP)
  return {
    // As pg_get_indexdef prints a key: column or expression, COLLATE when not the column's, a non-default operator
    // class, then DESC (indoption bit 1) and NULLS FIRST/LAST when not the direction's default (bit 2).
    columns: keys.map((attnum, i) => {
      let key = attnum === 0 ? expressions[i] ?? '?' : (rel.columns[attnum] ?? String(attnum))
      const coll = String(collations[i] ?? 0)
      if (coll !== '0' && (attnum === 0 ? coll !== '100' : coll !== rel.collations[attnum])) {
        const name = names.collations.get(coll)
        if (name) key += ` COLLATE ${name.split('.').map(pgIdent).join('.')}`
      }
      const opclass = names.opclasses.get(String(classes[i] ?? 0))
      if (opclass) key += ` ${opclass}`
      const desc = ((options[i] ?? 0) & 1) !== 0
      const nullsFirst = ((options[i] ?? 0) & 2) !== 0
      if (desc) key += nullsFirst ? ' DESC' : ' DESC NULLS LAST'
      else if (nullsFirst) key += ' NULLS FIRST'
      return key
    }),
    method: str(r.method),
    name: str(r.name),
    predicate: strOrNull(r.predicate),
    unique: bool(r.is_unique)
  }
}

/** pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead. */
function toTrigger(r: CatalogRow): TriggerModel {
  const type = num(r.type)
  const timing = type & 64 ? 'INSTEAD OF' : type & 2 ? 'BEFORE' : 'AFTER'
  const events = [type & 4 && 'INSERT', type & 16 && 'UPDATE', type & 8 && 'DELETE', type & 32 && 'TRUNCATE'].filter((e): e is string => !!e)
  return { definition: str(r.definition), enabled: str(r.enabled) !== 'D', events, function: str(r.function), name: str(r.name), timing }
}

const PARALLEL: Record<string, string> = { s: 'SAFE', r: 'RESTRICTED' }
const MODIFY: Record<string, string> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' }

/** CREATE AGGREGATE from pg_aggregate (PostgreSQL has no pg_get_functiondef for aggregates); defaults left out. */
function aggregateDefinition(r: CatalogRow): string {
  const opts: string[] = [`SFUNC = ${str(r.sfunc)}`, `STYPE = ${str(r.stype)}`]
  const add = (key: string, v: CatalogRow[string] | undefined): void => {
    if (v !== null && v !== undefined && v !== '' && v !== '-') opts.push(`${key} = ${v}`)
  }
  if (num(r.sspace) > 0) add('SSPACE', num(r.sspace))
  add('FINALFUNC', r.finalfunc)
  if (r.finalfunc !== null && bool(r.finalfunc_extra)) opts.push('FINALFUNC_EXTRA')
  if (r.finalfunc !== null && str(r.finalfunc_modify) !== (str(r.aggkind) === 'n' ? 'r' : 'w')) add('FINALFUNC_MODIFY', MODIFY[str(r.finalfunc_modify)])
  add('COMBINEFUNC', r.combinefunc)
  add('SERIALFUNC', r.serialfunc)
  add('DESERIALFUNC', r.deserialfunc)
  if (r.initcond !== null) opts.push(`INITCOND = ${pgLiteral(str(r.initcond))}`)
  add('MSFUNC', r.msfunc)
  add('MINVFUNC', r.minvfunc)
  add('MSTYPE', r.mstype)
  if (num(r.msspace) > 0) add('MSSPACE', num(r.msspace))
  add('MFINALFUNC', r.mfinalfunc)
  if (r.mfinalfunc !== null && bool(r.mfinalfunc_extra)) opts.push('MFINALFUNC_EXTRA')
  if (r.mfinalfunc !== null && str(r.mfinalfunc_modify) !== 'r') add('MFINALFUNC_MODIFY', MODIFY[str(r.mfinalfunc_modify)])
  if (r.minitcond !== null) opts.push(`MINITCOND = ${pgLiteral(str(r.minitcond))}`)
  add('SORTOP', r.sortop)
  add('PARALLEL', PARALLEL[str(r.parallel)])
  if (str(r.aggkind) === 'h') opts.push('HYPOTHETICAL')
  const name = `${pgIdent(str(r.schema))}.${pgIdent(str(r.name))}`
  const args = str(r.agg_args)
  return `CREATE OR REPLACE AGGREGATE ${name}(${args === '' ? '*' : args}) (\n  ${opts.join(',\n  ')}\n)`
}

const pgLiteral = (v: string): string => `'${v.replace(/'/g, "''")}'`

function toRoutine(r: CatalogRow): RoutineModel {
  const kind = str(r.kind)
  const definition = kind === 'a' ? aggregateDefinition(r) : strOrNull(r.definition)?.trim()
  return {
    comment: strOrNull(r.comment),
    ...(definition ? { definition } : {}),
    kind: kind === 'p' ? 'procedure' : kind === 'a' ? 'aggregate' : 'function',
    language: str(r.language),
    name: str(r.name),
    returns: strOrNull(r.returns),
    schema: str(r.schema),
    signature: `${str(r.name)}(${str(r.args)})`
  }
}

function toSequence(r: CatalogRow): SequenceModel {
  return {
    cache: str(r.cache),
    cycle: bool(r.cycle),
    dataType: str(r.data_type),
    increment: str(r.increment),
    max: str(r.max),
    min: str(r.min),
    name: str(r.name),
    ownedBy: strOrNull(r.owned_by),
    schema: str(r.schema),
    start: str(r.start)
  }
}

function toDomain(r: CatalogRow): DomainModel {
  const checks =
    r.checks === null
      ? []
      : str(r.checks)
          .split('\u001e')
          .map((c) => {
            const [name, def] = c.split(SEP)
            return { expression: stripCheck(def ?? ''), name: name! }
          })
  return {
    baseType: str(r.base_type),
    check: checks[0]?.expression ?? null,
    checks,
    collation: strOrNull(r.collation),
    default: strOrNull(r.default_expr),
    name: str(r.name),
    nullable: !bool(r.not_null),
    schema: str(r.schema)
  }
}
