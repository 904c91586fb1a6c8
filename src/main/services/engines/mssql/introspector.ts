import type { ColumnModel, IndexModel, TableModel } from '../../../../shared/schema-model'
import { unwrapOuterParens } from '../../../../shared/outer-parens'
import { bool, type CatalogRow, groupBy, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter, type SchemaNames } from '../../schema/introspector'

const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers', 'routines', 'types'] as const

function schemaFilter(options?: IntrospectOptions): string {
  return options?.schemas?.length
    ? `s.name in (${sqlStringList(options.schemas)})`
    : `s.name not in ('sys', 'INFORMATION_SCHEMA', 'guest') and s.name not like 'db[_]%'`
}

/** T-SQL expression rendering a type as written in DDL: nvarchar(50), decimal(10,2), varchar(max), datetime2(3). */
const typeExpr = (t: string, len: string, prec: string, scale: string): string => `case
  when ${t} in ('varchar', 'char', 'varbinary', 'binary') then ${t} + '(' + case when ${len} = -1 then 'max' else cast(${len} as varchar(10)) end + ')'
  when ${t} in ('nvarchar', 'nchar') then ${t} + '(' + case when ${len} = -1 then 'max' else cast(${len} / 2 as varchar(10)) end + ')'
  when ${t} in ('decimal', 'numeric') then ${t} + '(' + cast(${prec} as varchar(10)) + ',' + cast(${scale} as varchar(10)) + ')'
  when ${t} in ('datetime2', 'time', 'datetimeoffset') then ${t} + '(' + cast(${scale} as varchar(10)) + ')'
  else ${t} end`

const description = (major: string, minor: string): string =>
  `(select cast(ep.value as nvarchar(4000)) from sys.extended_properties ep where ep.class = 1 and ep.major_id = ${major} and ep.minor_id = ${minor} and ep.name = 'MS_Description')`

export const mssqlIntrospector: Introspector = {
  dialect: 'mssql',

  async listNames(session, options) {
    const [ctx] = await queryRows(session, 'select db_name() as db, schema_name() as cs')
    const schemas = await queryRows(session, `select s.name from sys.schemas s where ${schemaFilter(options)} order by s.name`)
    const rows = await queryRows(
      session,
      `select s.name as s, o.name as n, o.type as t,
              case when o.type = 'V' and exists (select 1 from sys.indexes i where i.object_id = o.object_id and i.index_id = 1) then 1 else 0 end as indexed
         from sys.objects o join sys.schemas s on s.schema_id = o.schema_id
        where o.type in ('U', 'V') and o.is_ms_shipped = 0 and ${schemaFilter(options)} order by 1, 2`
    )
    return {
      database: str(ctx!.db),
      defaultSchema: str(ctx!.cs) || 'dbo',
      schemas: schemas.map((r) => str(r.name)),
      tables: rows.map((r) => ({ schema: str(r.s), name: str(r.n), kind: kindOf(r) }))
    } satisfies SchemaNames
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    const filter = schemaFilter(options)
    step('names')
    const names = await this.listNames(session, options)
    const tableRows = await queryRows(
      session,
      `select s.name as s, o.name as n, o.type as t, ${description('o.object_id', '0')} as comment,
              case when o.type = 'V' then object_definition(o.object_id) end as definition,
              case when o.type = 'V' and exists (select 1 from sys.indexes i where i.object_id = o.object_id and i.index_id = 1) then 1 else 0 end as indexed,
              (select sum(p.rows) from sys.partitions p where p.object_id = o.object_id and p.index_id in (0, 1)) as row_estimate
         from sys.objects o join sys.schemas s on s.schema_id = o.schema_id
        where o.type in ('U', 'V') and o.is_ms_shipped = 0 and ${filter} order by 1, 2`
    )

    step('columns')
    const columnRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, c.name, ${typeExpr('t.name', 'c.max_length', 'c.precision', 'c.scale')} as type,
              c.is_nullable, c.is_identity, dc.definition as default_expr, cc.definition as computed, cc.is_persisted,
              ${description('c.object_id', 'c.column_id')} as comment
         from sys.columns c
         join sys.objects o on o.object_id = c.object_id
         join sys.schemas s on s.schema_id = o.schema_id
         join sys.types t on t.user_type_id = c.user_type_id
         left join sys.default_constraints dc on dc.parent_object_id = c.object_id and dc.parent_column_id = c.column_id
         left join sys.computed_columns cc on cc.object_id = c.object_id and cc.column_id = c.column_id
        where o.type in ('U', 'V') and o.is_ms_shipped = 0 and ${filter}
        order by 1, 2, c.column_id`
    )

    step('constraints')
    const keyRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, kc.name, kc.type, c.name as col
         from sys.key_constraints kc
         join sys.objects o on o.object_id = kc.parent_object_id
         join sys.schemas s on s.schema_id = o.schema_id
         join sys.index_columns ic on ic.object_id = kc.parent_object_id and ic.index_id = kc.unique_index_id
         join sys.columns c on c.object_id = ic.object_id and c.column_id = ic.column_id
        where ${filter} order by 1, 2, 3, ic.key_ordinal`
    )
    const fkRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, fk.name, c.name as col, rs.name as ref_schema, ro.name as ref_table, rc.name as ref_col,
              fk.delete_referential_action_desc as on_delete, fk.update_referential_action_desc as on_update
         from sys.foreign_keys fk
         join sys.objects o on o.object_id = fk.parent_object_id
         join sys.schemas s on s.schema_id = o.schema_id
         join sys.foreign_key_columns fkc on fkc.constraint_object_id = fk.object_id
         join sys.columns c on c.object_id = fkc.parent_object_id and c.column_id = fkc.parent_column_id
         join sys.objects ro on ro.object_id = fkc.referenced_object_id
         join sys.schemas rs on rs.schema_id = ro.schema_id
         join sys.columns rc on rc.object_id = fkc.referenced_object_id and rc.column_id = fkc.referenced_column_id
        where ${filter} order by 1, 2, 3, fkc.constraint_column_id`
    )
    const checkRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, ck.name, ck.definition, c.name as col
         from sys.check_constraints ck
         join sys.objects o on o.object_id = ck.parent_object_id
         join sys.schemas s on s.schema_id = o.schema_id
         left join sys.columns c on c.object_id = ck.parent_object_id and c.column_id = ck.parent_column_id
        where ${filter} order by 1, 2, 3`
    )

    step('indexes')
    const indexRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, i.name, i.is_unique, i.type_desc as method, i.filter_definition as predicate,
              c.name as col, ic.is_descending_key
         from sys.indexes i
         join sys.objects o on o.object_id = i.object_id
         join sys.schemas s on s.schema_id = o.schema_id
         join sys.index_columns ic on ic.object_id = i.object_id and ic.index_id = i.index_id and ic.key_ordinal > 0
         join sys.columns c on c.object_id = ic.object_id and c.column_id = ic.column_id
        where o.type in ('U', 'V') and o.is_ms_shipped = 0 and i.type > 0 and i.is_primary_key = 0 and i.is_unique_constraint = 0
          and i.is_hypothetical = 0 and ${filter}
        order by 1, 2, 3, ic.key_ordinal`
    )

    step('triggers')
    const triggerRows = await queryRows(
      session,
      `select s.name as s, o.name as tbl, tr.name, tr.is_instead_of_trigger, te.type_desc as event, object_definition(tr.object_id) as definition
         from sys.triggers tr
         join sys.objects o on o.object_id = tr.parent_id
         join sys.schemas s on s.schema_id = o.schema_id
         join sys.trigger_events te on te.object_id = tr.object_id
        where tr.parent_class = 1 and ${filter} order by 1, 2, 3, te.type`
    )

    step('routines')
    const routineRows = await queryRows(
      session,
      `select s.name as s, o.name, o.type as t, p.parameter_id, p.name as pname, p.is_output,
              ${typeExpr('t.name', 'p.max_length', 'p.precision', 'p.scale')} as ptype
         from sys.objects o
         join sys.schemas s on s.schema_id = o.schema_id
         left join sys.parameters p on p.object_id = o.object_id
         left join sys.types t on t.user_type_id = p.user_type_id
        where o.type in ('P', 'FN', 'IF', 'TF') and o.is_ms_shipped = 0 and ${filter}
        order by 1, 2, p.parameter_id`
    )

    step('types')
    const sequenceRows = await queryRows(
      session,
      `select s.name as s, q.name, t.name as data_type from sys.sequences q join sys.schemas s on s.schema_id = q.schema_id
         join sys.types t on t.user_type_id = q.user_type_id where ${filter} order by 1, 2`
    )
    const domainRows = await queryRows(
      session,
      `select s.name as s, t.name, ${typeExpr('bt.name', 't.max_length', 't.precision', 't.scale')} as base_type
         from sys.types t join sys.schemas s on s.schema_id = t.schema_id join sys.types bt on bt.user_type_id = t.system_type_id
        where t.is_user_defined = 1 and t.is_table_type = 0 and ${filter} order by 1, 2`
    )

    const byTable = (rows: CatalogRow[]): Map<string, CatalogRow[]> => groupBy(rows, (r) => tableKey(str(r.s), str(r.tbl)))
    const columnsByTable = byTable(columnRows)
    const keysByTable = byTable(keyRows)
    const fksByTable = byTable(fkRows)
    const checksByTable = byTable(checkRows)
    const indexesByTable = byTable(indexRows)
    const triggersByTable = byTable(triggerRows)

    const tables: TableModel[] = tableRows.map((r) => {
      const key = tableKey(str(r.s), str(r.n))
      const kind = kindOf(r)
      const table: TableModel = {
        schema: str(r.s),
        name: str(r.n),
        kind,
        comment: strOrNull(r.comment),
        definition: kind === 'table' ? null : strOrNull(r.definition),
        rowEstimate: kind === 'view' ? null : numOrNull(r.row_estimate),
        columns: (columnsByTable.get(key) ?? []).map(toColumn),
        primaryKey: null,
        foreignKeys: [...groupBy(fksByTable.get(key) ?? [], (f) => str(f.name)).values()].map((g) => ({
          name: str(g[0]!.name),
          columns: g.map((f) => str(f.col)),
          refSchema: str(g[0]!.ref_schema),
          refTable: str(g[0]!.ref_table),
          refColumns: g.map((f) => str(f.ref_col)),
          onDelete: str(g[0]!.on_delete).replace(/_/g, ' '),
          onUpdate: str(g[0]!.on_update).replace(/_/g, ' ')
        })),
        indexes: [...groupBy(indexesByTable.get(key) ?? [], (i) => str(i.name)).values()].map(
          (g): IndexModel => ({
            name: str(g[0]!.name),
            columns: g.map((i) => str(i.col) + (bool(i.is_descending_key) ? ' DESC' : '')),
            unique: bool(g[0]!.is_unique),
            method: str(g[0]!.method),
            predicate: strOrNull(g[0]!.predicate)
          })
        ),
        constraints: (checksByTable.get(key) ?? []).map((c) => ({
          name: str(c.name),
          kind: 'check' as const,
          ...(c.col === null ? {} : { columns: [str(c.col)] }),
          expression: unwrapOuterParens(str(c.definition))
        })),
        triggers: [...groupBy(triggersByTable.get(key) ?? [], (t) => str(t.name)).values()].map((g) => ({
          name: str(g[0]!.name),
          timing: bool(g[0]!.is_instead_of_trigger) ? 'INSTEAD OF' : 'AFTER',
          events: g.map((t) => str(t.event)),
          definition: str(g[0]!.definition)
        }))
      }
      for (const g of groupBy(keysByTable.get(key) ?? [], (k) => str(k.name)).values()) {
        const cols = g.map((k) => str(k.col))
        if (str(g[0]!.type).trim() === 'PK') table.primaryKey = { name: str(g[0]!.name), columns: cols }
        else table.constraints.push({ name: str(g[0]!.name), kind: 'unique', columns: cols })
      }
      return table
    })

    const routines = [...groupBy(routineRows, (r) => tableKey(str(r.s), str(r.name))).values()].map((g) => {
      const first = g[0]!
      const type = str(first.t).trim()
      const params = g.filter((p) => p.parameter_id !== null && Number(p.parameter_id) > 0)
      const ret = g.find((p) => p.parameter_id !== null && Number(p.parameter_id) === 0)
      return {
        schema: str(first.s),
        name: str(first.name),
        kind: type === 'P' ? ('procedure' as const) : ('function' as const),
        signature: `${str(first.name)}(${params.map((p) => `${str(p.pname)} ${str(p.ptype)}${bool(p.is_output) ? ' OUTPUT' : ''}`).join(', ')})`,
        returns: type === 'P' ? null : type === 'FN' ? strOrNull(ret?.ptype ?? null) : 'TABLE'
      }
    })

    const model: IntrospectedModel = {
      dialect: 'mssql',
      database: names.database,
      defaultSchema: names.defaultSchema,
      schemas: names.schemas,
      tables,
      routines,
      sequences: sequenceRows.map((r) => ({ schema: str(r.s), name: str(r.name), dataType: str(r.data_type) })),
      enums: [],
      domains: domainRows.map((r) => ({ schema: str(r.s), name: str(r.name), baseType: str(r.base_type), check: null }))
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

function kindOf(r: CatalogRow): TableModel['kind'] {
  if (str(r.t).trim() !== 'V') return 'table'
  return bool(r.indexed) ? 'materialized_view' : 'view'
}

function toColumn(c: CatalogRow): ColumnModel {
  return {
    name: str(c.name),
    type: str(c.type),
    nullable: bool(c.is_nullable),
    default: c.default_expr === null ? null : unwrapOuterParens(str(c.default_expr)),
    identity: bool(c.is_identity),
    generated: c.computed === null ? null : unwrapOuterParens(str(c.computed)),
    ...(c.computed === null ? {} : { generatedKind: bool(c.is_persisted) ? ('stored' as const) : ('virtual' as const) }),
    comment: strOrNull(c.comment)
  }
}

