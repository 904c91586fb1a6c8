import type { ColumnModel, TableModel } from '../../../../shared/schema-model'
import { bool, type CatalogRow, type CatalogSession, groupBy, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter } from '../../schema/introspector'
import { generatedColumns, indexKeys, viewBody } from './catalog-text'

const PHASES = ['names', 'columns', 'constraints', 'indexes', 'routines', 'types'] as const
/** Every catalog query reads the database the session works in: not `system`, `temp` or other attached files. */
const CURRENT = `database_name = current_database()`

function schemaFilter(options?: IntrospectOptions): string {
  return options?.schemas?.length ? `schema_name in (${sqlStringList(options.schemas)})` : `schema_name not in ('information_schema', 'pg_catalog')`
}

/** Lists the catalog queries turn into JSON text (`to_json`): cells show them as the duckdb CLI prints them. */
function names(cell: CatalogRow[string]): string[] {
  if (cell === null) return []
  const parsed: unknown = JSON.parse(String(cell))
  return Array.isArray(parsed) ? parsed.map(String) : []
}

async function relationRows(session: CatalogSession, filter: string): Promise<CatalogRow[]> {
  return queryRows(
    session,
    `select schema_name, table_name as name, 'table' as kind, comment, estimated_size, sql from duckdb_tables() where ${CURRENT} and not temporary and ${filter}
     union all
     select schema_name, view_name, 'view', comment, null, sql from duckdb_views() where ${CURRENT} and not internal and not temporary and ${filter}
     order by 1, 2`
  )
}

async function context(session: CatalogSession, filter: string): Promise<{ database: string; defaultSchema: string; schemas: string[] }> {
  const [ctx] = await queryRows(session, 'select current_database() as db, current_schema() as cs')
  const schemas = await queryRows(session, `select schema_name from duckdb_schemas() where ${CURRENT} and ${filter} order by 1`)
  return { database: str(ctx!.db), defaultSchema: str(ctx!.cs) || 'main', schemas: schemas.map((s) => str(s.schema_name)) }
}

export const duckdbIntrospector: Introspector = {
  dialect: 'duckdb',

  async listNames(session, options) {
    const filter = schemaFilter(options)
    const ctx = await context(session, filter)
    const rows = await relationRows(session, filter)
    return { ...ctx, tables: rows.map((r) => ({ schema: str(r.schema_name), name: str(r.name), kind: str(r.kind) === 'view' ? ('view' as const) : ('table' as const) })) }
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    const filter = schemaFilter(options)
    step('names')
    const ctx = await context(session, filter)
    const relations = await relationRows(session, filter)

    step('columns')
    const columnRows = await queryRows(
      session,
      `select schema_name, table_name, column_name, column_default, is_nullable, data_type, comment
         from duckdb_columns() where ${CURRENT} and not internal and ${filter} order by schema_name, table_name, column_index`
    )

    step('constraints')
    const constraintRows = await queryRows(
      session,
      `select schema_name, table_name, constraint_type as type, constraint_name as name, expression, to_json(constraint_column_names) as columns,
              referenced_table, to_json(referenced_column_names) as ref_columns
         from duckdb_constraints()
        where ${CURRENT} and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'CHECK', 'FOREIGN KEY') and ${filter}
        order by schema_name, table_name, constraint_index`
    )

    step('indexes')
    const indexRows = await queryRows(
      session,
      `select schema_name, table_name, index_name, is_unique, sql from duckdb_indexes() where ${CURRENT} and ${filter} order by schema_name, table_name, index_name`
    )

    step('routines')
    const macroRows = await queryRows(
      session,
      `select schema_name, function_name, function_type, to_json(parameters) as parameters from duckdb_functions()
        where ${CURRENT} and not internal and function_type in ('macro', 'table_macro') and ${filter} order by 1, 2`
    )

    step('types')
    const sequenceRows = await queryRows(session, `select schema_name, sequence_name from duckdb_sequences() where ${CURRENT} and not temporary and ${filter} order by 1, 2`)
    const typeRows = await queryRows(session, `select schema_name, type_name, logical_type, to_json(labels) as labels from duckdb_types() where ${CURRENT} and not internal and ${filter} order by 1, 2`)

    const key = (r: CatalogRow): string => tableKey(str(r.schema_name), str(r.table_name))
    const columnsByTable = groupBy(columnRows, key)
    const constraintsByTable = groupBy(constraintRows, key)
    const indexesByTable = groupBy(indexRows, key)

    const tables: TableModel[] = relations.map((r) => {
      const schema = str(r.schema_name)
      const name = str(r.name)
      const isView = str(r.kind) === 'view'
      const generated = isView ? new Map<string, string>() : generatedColumns(str(r.sql))
      const table: TableModel = {
        schema,
        name,
        kind: isView ? 'view' : 'table',
        comment: strOrNull(r.comment),
        definition: isView ? viewBody(str(r.sql)) : null,
        rowEstimate: isView ? null : numOrNull(r.estimated_size),
        columns: (columnsByTable.get(tableKey(schema, name)) ?? []).map((c) => toColumn(c, generated)),
        primaryKey: null,
        foreignKeys: [],
        indexes: (indexesByTable.get(tableKey(schema, name)) ?? []).map((i) => ({ name: str(i.index_name), columns: indexKeys(str(i.sql)), unique: bool(i.is_unique) })),
        constraints: [],
        triggers: []
      }
      applyConstraints(table, constraintsByTable.get(tableKey(schema, name)) ?? [])
      return table
    })

    const model: IntrospectedModel = {
      dialect: 'duckdb',
      database: ctx.database,
      defaultSchema: ctx.defaultSchema,
      schemas: ctx.schemas,
      tables,
      routines: macroRows.map((r) => ({
        schema: str(r.schema_name),
        name: str(r.function_name),
        kind: 'function' as const,
        signature: `${str(r.function_name)}(${names(r.parameters).join(', ')})`,
        returns: str(r.function_type) === 'table_macro' ? 'TABLE' : null
      })),
      sequences: sequenceRows.map((r) => ({ schema: str(r.schema_name), name: str(r.sequence_name), dataType: 'BIGINT' })),
      enums: typeRows.filter((r) => str(r.logical_type) === 'ENUM').map((r) => ({ schema: str(r.schema_name), name: str(r.type_name), values: names(r.labels) })),
      // CREATE TYPE name AS <type>: an alias, shown as a domain without a check
      domains: typeRows.filter((r) => str(r.logical_type) !== 'ENUM').map((r) => ({ schema: str(r.schema_name), name: str(r.type_name), baseType: str(r.logical_type), check: null }))
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

function toColumn(r: CatalogRow, generated: Map<string, string>): ColumnModel {
  const name = str(r.column_name)
  const expression = generated.get(name)
  return {
    name,
    type: str(r.data_type),
    nullable: bool(r.is_nullable),
    default: expression === undefined ? strOrNull(r.column_default) : null,
    identity: false,
    generated: expression ?? null,
    ...(expression !== undefined && { generatedKind: 'virtual' as const }),
    comment: strOrNull(r.comment)
  }
}

/** DuckDB names constraints itself (`orders_id_pkey`); it allows no cascading actions, and no foreign keys across schemas. */
function applyConstraints(table: TableModel, rows: CatalogRow[]): void {
  for (const r of rows) {
    const name = str(r.name)
    const columns = names(r.columns)
    switch (str(r.type)) {
      case 'PRIMARY KEY':
        table.primaryKey = { name, columns }
        break
      case 'UNIQUE':
        table.constraints.push({ name, kind: 'unique', columns })
        break
      case 'CHECK':
        table.constraints.push({ name, kind: 'check', columns, expression: str(r.expression) })
        break
      case 'FOREIGN KEY':
        table.foreignKeys.push({
          name,
          columns,
          refSchema: table.schema,
          refTable: str(r.referenced_table),
          refColumns: names(r.ref_columns),
          onDelete: 'NO ACTION',
          onUpdate: 'NO ACTION'
        })
        break
    }
  }
}
