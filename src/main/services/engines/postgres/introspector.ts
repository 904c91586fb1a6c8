import type { ColumnModel, IndexModel, TableModel, TriggerModel } from '../../../../shared/schema-model'
import { bool, type CatalogRow, groupBy, num, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter, type SchemaNames } from '../../schema/introspector'

const SYSTEM_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'`
const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers', 'routines', 'types'] as const
const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }
const RELKINDS = `c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition`
/** Separates expression texts inside one aggregated cell (an ASCII unit separator never appears in SQL text). */
const SEP = '\u001f'

function schemaFilter(options?: IntrospectOptions): string {
  return options?.schemas?.length ? `n.nspname in (${sqlStringList(options.schemas)})` : SYSTEM_SCHEMAS
}

/** Objects created by extensions (e.g. pgcrypto's functions) belong to the extension, not the user's schema. */
const notFromExtension = (classTable: string, oid: string): string =>
  `not exists (select 1 from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${oid} and d.deptype = 'e')`

/** `{1,2}` (int2[] as text) or `1 2` (int2vector as text) → [1, 2]. */
const attnums = (v: CatalogRow[string]): number[] => (v === null ? [] : String(v).replace(/[{}]/g, '').split(/[\s,]+/).filter(Boolean).map(Number))

interface Relation {
  schema: string
  name: string
  /** attnum → column name */
  columns: Map<number, string>
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
      `select n.nspname as schema, c.relname as name, c.relkind as kind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where ${RELKINDS} and ${schemaFilter(options)}
        order by 1, 2`
    )
    return {
      database: str(ctx!.db),
      defaultSchema: str(ctx!.cs) || 'public',
      schemas: schemas.map((r) => str(r.name)),
      tables: rows.map((r) => ({ schema: str(r.schema), name: str(r.name), kind: relkindToKind(str(r.kind)) }))
    } satisfies SchemaNames
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    const filter = schemaFilter(options)
    step('names')
    const [ctx] = await queryRows(session, `select current_database() as db, current_schema() as cs`)
    const schemaRows = await queryRows(session, `select n.nspname as name from pg_namespace n where ${filter} order by 1`)
    const tableRows = await queryRows(
      session,
      `select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind, d.description as comment,
              case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
              case when c.reltuples < 0 then null else c.reltuples::float8 end as row_estimate
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_description d on d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
        where ${RELKINDS} and ${filter}
        order by 2, 3`
    )

    step('columns')
    const columnRows = await queryRows(
      session,
      `select a.attrelid::int8 as relid, a.attnum, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
              a.attnotnull as not_null, a.attidentity as identity, a.attgenerated as generated,
              pg_get_expr(ad.adbin, ad.adrelid) as default_expr, d.description as comment
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
         left join pg_description d on d.objoid = a.attrelid and d.classoid = 'pg_class'::regclass and d.objsubid = a.attnum
        where a.attnum > 0 and not a.attisdropped and ${RELKINDS} and ${filter}
        order by a.attrelid, a.attnum`
    )

    step('constraints')
    const constraintRows = await queryRows(
      session,
      `select con.conrelid::int8 as relid, con.conname as name, con.contype as type, con.conkey::text as keys,
              con.confrelid::int8 as ref_relid, con.confkey::text as ref_keys, con.confdeltype as on_delete, con.confupdtype as on_update,
              case when con.contype = 'c' then pg_get_constraintdef(con.oid, true) end as check_def
         from pg_constraint con
         join pg_class c on c.oid = con.conrelid
         join pg_namespace n on n.oid = c.relnamespace
        where con.contype in ('p', 'u', 'f', 'c') and ${filter}
        order by con.conrelid, con.conname`
    )

    step('indexes')
    const indexRows = await queryRows(
      session,
      `select i.indrelid::int8 as relid, ic.relname as name, i.indisunique as is_unique, am.amname as method,
              pg_get_expr(i.indpred, i.indrelid, true) as predicate, i.indkey::text as keys, i.indoption::text as options,
              i.indnkeyatts as key_count,
              case when 0 = any (i.indkey::int2[]) then
                (select string_agg(pg_get_indexdef(i.indexrelid, k, true), e'\\x1f' order by k) from generate_series(1, i.indnkeyatts::int) k)
              end as expressions
         from pg_index i
         join pg_class c on c.oid = i.indrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_class ic on ic.oid = i.indexrelid
         join pg_am am on am.oid = ic.relam
         left join pg_constraint pc on pc.conindid = i.indexrelid and pc.contype in ('p', 'u', 'x')
        where pc.oid is null and not c.relispartition and ${filter}
        order by i.indrelid, ic.relname`
    )

    step('triggers')
    const triggerRows = await queryRows(
      session,
      `select t.tgrelid::int8 as relid, t.tgname as name, t.tgtype::int as type, pg_get_triggerdef(t.oid, true) as definition
         from pg_trigger t
         join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
        where not t.tgisinternal and ${filter}
        order by t.tgrelid, t.tgname`
    )

    step('routines')
    const routineRows = await queryRows(
      session,
      `select n.nspname as schema, p.proname as name, p.prokind as kind,
              pg_get_function_identity_arguments(p.oid) as args, case when p.prokind = 'f' then pg_get_function_result(p.oid) end as returns
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prokind in ('f', 'p') and ${filter} and ${notFromExtension('pg_proc', 'p.oid')}
        order by 1, 2, 4`
    )

    step('types')
    const sequenceRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as data_type
         from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_sequence s on s.seqrelid = c.oid
        where c.relkind = 'S' and ${filter}
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')
        order by 1, 2`
    )
    const enumRows = await queryRows(
      session,
      `select n.nspname as schema, t.typname as name, e.enumlabel as label
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
        where t.typtype = 'e' and ${filter} and ${notFromExtension('pg_type', 't.oid')}
        order by 1, 2, e.enumsortorder`
    )
    const domainRows = await queryRows(
      session,
      `select n.nspname as schema, t.typname as name, format_type(t.typbasetype, t.typtypmod) as base_type,
              (select string_agg(pg_get_constraintdef(con.oid, true), ' AND ' order by con.conname)
                 from pg_constraint con where con.contypid = t.oid and con.contype = 'c') as check_def
         from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where t.typtype = 'd' and ${filter} and ${notFromExtension('pg_type', 't.oid')}
        order by 1, 2`
    )

    // Relations by oid, with their attnum → name maps; foreign keys into schemas outside the filter fetch theirs.
    const relations = new Map<string, Relation>()
    for (const r of tableRows) relations.set(str(r.oid), { schema: str(r.schema), name: str(r.name), columns: new Map() })
    for (const c of columnRows) relations.get(str(c.relid))?.columns.set(num(c.attnum), str(c.name))
    const outside = [...new Set(constraintRows.filter((r) => str(r.type) === 'f' && !relations.has(str(r.ref_relid))).map((r) => str(r.ref_relid)))]
    if (outside.length) {
      const rows = await queryRows(
        session,
        `select c.oid::int8 as oid, n.nspname as schema, c.relname as name, a.attnum, a.attname
           from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum > 0
          where c.oid in (${outside.map(Number).join(', ')})`
      )
      for (const r of rows) {
        if (!relations.has(str(r.oid))) relations.set(str(r.oid), { schema: str(r.schema), name: str(r.name), columns: new Map() })
        relations.get(str(r.oid))!.columns.set(num(r.attnum), str(r.attname))
      }
    }

    const columnsByRel = groupBy(columnRows, (r) => str(r.relid))
    const constraintsByRel = groupBy(constraintRows, (r) => str(r.relid))
    const indexesByRel = groupBy(indexRows, (r) => str(r.relid))
    const triggersByRel = groupBy(triggerRows, (r) => str(r.relid))

    const tables: TableModel[] = tableRows.map((r) => {
      const oid = str(r.oid)
      const rel = relations.get(oid)!
      const kind = relkindToKind(str(r.kind))
      const table: TableModel = {
        schema: rel.schema,
        name: rel.name,
        kind,
        comment: strOrNull(r.comment),
        definition: kind === 'table' ? null : strOrNull(r.definition)?.trim() ?? null,
        rowEstimate: kind === 'view' ? null : numOrNull(r.row_estimate),
        columns: (columnsByRel.get(oid) ?? []).map(toColumn),
        primaryKey: null,
        foreignKeys: [],
        indexes: [],
        constraints: [],
        triggers: (triggersByRel.get(oid) ?? []).map(toTrigger)
      }
      applyConstraints(table, rel, constraintsByRel.get(oid) ?? [], relations)
      table.indexes = (indexesByRel.get(oid) ?? []).map((i) => toIndex(i, rel))
      return table
    })

    const enums = [...groupBy(enumRows, (r) => tableKey(str(r.schema), str(r.name))).values()].map((rows) => ({
      schema: str(rows[0]!.schema),
      name: str(rows[0]!.name),
      values: rows.map((r) => str(r.label))
    }))

    const model: IntrospectedModel = {
      dialect: 'postgres',
      database: str(ctx!.db),
      defaultSchema: str(ctx!.cs) || 'public',
      schemas: schemaRows.map((s) => str(s.name)),
      tables,
      routines: routineRows.map((r) => ({
        schema: str(r.schema),
        name: str(r.name),
        kind: str(r.kind) === 'p' ? 'procedure' : 'function',
        signature: `${str(r.name)}(${str(r.args)})`,
        returns: strOrNull(r.returns)
      })),
      sequences: sequenceRows.map((r) => ({ schema: str(r.schema), name: str(r.name), dataType: str(r.data_type) })),
      enums,
      domains: domainRows.map((r) => ({
        schema: str(r.schema),
        name: str(r.name),
        baseType: str(r.base_type),
        check: r.check_def === null ? null : stripCheck(str(r.check_def))
      }))
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

function relkindToKind(relkind: string): TableModel['kind'] {
  return relkind === 'v' ? 'view' : relkind === 'm' ? 'materialized_view' : 'table'
}

function toColumn(r: CatalogRow): ColumnModel {
  const generated = str(r.generated) === 's'
  const identity = str(r.identity)
  return {
    name: str(r.name),
    type: str(r.type),
    nullable: !bool(r.not_null),
    default: generated ? null : strOrNull(r.default_expr),
    identity: identity !== '',
    ...(identity === 'a' ? { identityGeneration: 'always' as const } : identity === 'd' ? { identityGeneration: 'by_default' as const } : {}),
    generated: generated ? strOrNull(r.default_expr) : null,
    ...(generated ? { generatedKind: 'stored' as const } : {}),
    comment: strOrNull(r.comment)
  }
}

/** `CHECK ((price > 0))` → `(price > 0)`; `CHECK (a > 0) NOT VALID` keeps only the expression. */
export function stripCheck(def: string): string {
  const m = /^CHECK\s*\(([\s\S]*)\)(\s+NOT VALID)?$/i.exec(def.trim())
  return m ? m[1]!.trim() : def
}

function applyConstraints(table: TableModel, rel: Relation, rows: CatalogRow[], relations: Map<string, Relation>): void {
  for (const r of rows) {
    const name = str(r.name)
    const cols = attnums(r.keys).map((n) => rel.columns.get(n) ?? String(n))
    switch (str(r.type)) {
      case 'p':
        table.primaryKey = { name, columns: cols }
        break
      case 'u':
        table.constraints.push({ name, kind: 'unique', columns: cols })
        break
      case 'c':
        table.constraints.push({ name, kind: 'check', columns: cols, expression: stripCheck(str(r.check_def)) })
        break
      case 'f': {
        const ref = relations.get(str(r.ref_relid))
        table.foreignKeys.push({
          name,
          columns: cols,
          refSchema: ref?.schema ?? '',
          refTable: ref?.name ?? '',
          refColumns: attnums(r.ref_keys).map((n) => ref?.columns.get(n) ?? String(n)),
          onDelete: FK_ACTIONS[str(r.on_delete)] ?? 'NO ACTION',
          onUpdate: FK_ACTIONS[str(r.on_update)] ?? 'NO ACTION'
        })
        break
      }
    }
  }
}

function toIndex(r: CatalogRow, rel: Relation): IndexModel {
  const keys = attnums(r.keys).slice(0, num(r.key_count))
  const options = attnums(r.options)
  const expressions = r.expressions === null ? [] : str(r.expressions).split(SEP)
  return {
    name: str(r.name),
    // indoption bit 1 = DESC; attnum 0 = an expression, printed by pg_get_indexdef
    columns: keys.map((attnum, i) => (attnum === 0 ? expressions[i] ?? '?' : (rel.columns.get(attnum) ?? String(attnum)) + ((options[i] ?? 0) & 1 ? ' DESC' : ''))),
    unique: bool(r.is_unique),
    method: str(r.method),
    predicate: strOrNull(r.predicate)
  }
}

/** pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead. */
function toTrigger(r: CatalogRow): TriggerModel {
  const type = num(r.type)
  const timing = type & 64 ? 'INSTEAD OF' : type & 2 ? 'BEFORE' : 'AFTER'
  const events = [type & 4 && 'INSERT', type & 16 && 'UPDATE', type & 8 && 'DELETE', type & 32 && 'TRUNCATE'].filter((e): e is string => !!e)
  return { name: str(r.name), timing, events, definition: str(r.definition) }
}
