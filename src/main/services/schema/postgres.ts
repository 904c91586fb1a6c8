import type { ColumnModel, ConstraintModel, ForeignKeyModel, IndexModel, TableModel, TriggerModel } from '../../../shared/schema-model'
import { bool, type CatalogRow, groupBy, num, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from './catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter, type SchemaNames } from './introspector'

const SYSTEM_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'`
const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers', 'routines', 'types'] as const
const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }

function schemaFilter(options?: IntrospectOptions): string {
  return options?.schemas?.length ? `n.nspname in (${sqlStringList(options.schemas)})` : SYSTEM_SCHEMAS
}

/** Objects created by extensions (e.g. pgcrypto's functions) belong to the extension, not the user's schema. */
const notFromExtension = (classTable: string, oid: string): string =>
  `not exists (select 1 from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${oid} and d.deptype = 'e')`

export const postgresIntrospector: Introspector = {
  dialect: 'postgres',

  async listNames(session, options) {
    const [ctx] = await queryRows(session, `select current_database() as db, current_schema() as cs`)
    const schemas = await queryRows(session, `select n.nspname as name from pg_namespace n where ${schemaFilter(options)} order by 1`)
    const rows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as name, c.relkind as kind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition and ${schemaFilter(options)}
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
    const names = await this.listNames(session, options)
    const tableRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as name, c.relkind as kind, obj_description(c.oid, 'pg_class') as comment,
              case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
              case when c.reltuples < 0 then null else c.reltuples::float8 end as row_estimate
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition and ${filter}
        order by 1, 2`
    )

    step('columns')
    const columnRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as tbl, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
              not a.attnotnull as nullable, a.attidentity as identity, a.attgenerated as generated,
              pg_get_expr(ad.adbin, ad.adrelid) as default_expr, col_description(c.oid, a.attnum) as comment
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
        where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition and ${filter}
        order by 1, 2, a.attnum`
    )

    step('constraints')
    const constraintRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as tbl, con.conname as name, con.contype as type, k.ord,
              a.attname as col, rn.nspname as ref_schema, rc.relname as ref_table, ra.attname as ref_col,
              con.confdeltype as on_delete, con.confupdtype as on_update,
              case when con.contype = 'c' then pg_get_constraintdef(con.oid, true) end as check_def
         from pg_constraint con
         join pg_class c on c.oid = con.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join lateral unnest(con.conkey, con.confkey) with ordinality as k(attnum, refattnum, ord) on true
         left join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
         left join pg_class rc on rc.oid = con.confrelid
         left join pg_namespace rn on rn.oid = rc.relnamespace
         left join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.refattnum
        where con.contype in ('p', 'u', 'f', 'c') and ${filter}
        order by 1, 2, 3, k.ord`
    )

    step('indexes')
    const indexRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as tbl, ic.relname as name, i.indisunique as is_unique, am.amname as method,
              pg_get_expr(i.indpred, i.indrelid, true) as predicate, k.ord,
              case when k.attnum = 0 then pg_get_indexdef(i.indexrelid, k.ord::int, true) else a.attname end as col,
              (i.indoption[k.ord - 1] & 1) = 1 as descending
         from pg_index i
         join pg_class c on c.oid = i.indrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_class ic on ic.oid = i.indexrelid
         join pg_am am on am.oid = ic.relam
         cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
         left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where k.ord <= i.indnkeyatts and not c.relispartition and ${filter}
          and not exists (select 1 from pg_constraint pc where pc.conindid = i.indexrelid and pc.contype in ('p', 'u', 'x'))
        order by 1, 2, 3, k.ord`
    )

    step('triggers')
    const triggerRows = await queryRows(
      session,
      `select n.nspname as schema, c.relname as tbl, t.tgname as name, t.tgtype::int as type, pg_get_triggerdef(t.oid, true) as definition
         from pg_trigger t
         join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
        where not t.tgisinternal and ${filter}
        order by 1, 2, 3`
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

    const columnsByTable = groupBy(columnRows, (r) => tableKey(str(r.schema), str(r.tbl)))
    const constraintsByTable = groupBy(constraintRows, (r) => tableKey(str(r.schema), str(r.tbl)))
    const indexesByTable = groupBy(indexRows, (r) => tableKey(str(r.schema), str(r.tbl)))
    const triggersByTable = groupBy(triggerRows, (r) => tableKey(str(r.schema), str(r.tbl)))

    const tables: TableModel[] = tableRows.map((r) => {
      const key = tableKey(str(r.schema), str(r.name))
      const kind = relkindToKind(str(r.kind))
      const table: TableModel = {
        schema: str(r.schema),
        name: str(r.name),
        kind,
        comment: strOrNull(r.comment),
        definition: kind === 'table' ? null : strOrNull(r.definition)?.trim() ?? null,
        rowEstimate: kind === 'view' ? null : numOrNull(r.row_estimate),
        columns: (columnsByTable.get(key) ?? []).map(toColumn),
        primaryKey: null,
        foreignKeys: [],
        indexes: [],
        constraints: [],
        triggers: (triggersByTable.get(key) ?? []).map(toTrigger)
      }
      applyConstraints(table, constraintsByTable.get(key) ?? [])
      table.indexes = toIndexes(indexesByTable.get(key) ?? [])
      return table
    })

    const enums = [...groupBy(enumRows, (r) => tableKey(str(r.schema), str(r.name))).values()].map((rows) => ({
      schema: str(rows[0]!.schema),
      name: str(rows[0]!.name),
      values: rows.map((r) => str(r.label))
    }))

    const model: IntrospectedModel = {
      dialect: 'postgres',
      database: names.database,
      defaultSchema: names.defaultSchema,
      schemas: names.schemas,
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
  return {
    name: str(r.name),
    type: str(r.type),
    nullable: bool(r.nullable),
    default: generated ? null : strOrNull(r.default_expr),
    identity: str(r.identity) !== '',
    ...(str(r.identity) === 'a' ? { identityGeneration: 'always' as const } : str(r.identity) === 'd' ? { identityGeneration: 'by_default' as const } : {}),
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

function applyConstraints(table: TableModel, rows: CatalogRow[]): void {
  for (const group of groupBy(rows, (r) => str(r.name)).values()) {
    const first = group[0]!
    const name = str(first.name)
    const cols = group.map((r) => str(r.col)).filter(Boolean)
    switch (str(first.type)) {
      case 'p':
        table.primaryKey = { name, columns: cols }
        break
      case 'u':
        table.constraints.push({ name, kind: 'unique', columns: cols } satisfies ConstraintModel)
        break
      case 'c':
        table.constraints.push({ name, kind: 'check', columns: cols, expression: stripCheck(str(first.check_def)) })
        break
      case 'f':
        table.foreignKeys.push({
          name,
          columns: cols,
          refSchema: str(first.ref_schema),
          refTable: str(first.ref_table),
          refColumns: group.map((r) => str(r.ref_col)),
          onDelete: FK_ACTIONS[str(first.on_delete)] ?? 'NO ACTION',
          onUpdate: FK_ACTIONS[str(first.on_update)] ?? 'NO ACTION'
        } satisfies ForeignKeyModel)
        break
    }
  }
}

function toIndexes(rows: CatalogRow[]): IndexModel[] {
  return [...groupBy(rows, (r) => str(r.name)).values()].map((group) => {
    const first = group[0]!
    return {
      name: str(first.name),
      columns: group.map((r) => str(r.col) + (bool(r.descending) ? ' DESC' : '')),
      unique: bool(first.is_unique),
      method: str(first.method),
      predicate: strOrNull(first.predicate)
    }
  })
}

/** pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead. */
function toTrigger(r: CatalogRow): TriggerModel {
  const type = num(r.type)
  const timing = type & 64 ? 'INSTEAD OF' : type & 2 ? 'BEFORE' : 'AFTER'
  const events = [type & 4 && 'INSERT', type & 16 && 'UPDATE', type & 8 && 'DELETE', type & 32 && 'TRUNCATE'].filter((e): e is string => !!e)
  return { name: str(r.name), timing, events, definition: str(r.definition) }
}
