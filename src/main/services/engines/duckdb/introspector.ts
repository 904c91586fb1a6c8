import type { ColumnModel, DomainModel, ObjectError, RoutineModel, SequenceModel, TableModel } from '../../../../shared/schema-model'
import { qualifiedIdentifier, quoteIfNeeded } from '../../../../shared/sql-identifiers'
import { bool, type CatalogRow, type CatalogSession, groupBy, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter } from '../../schema/introspector'
import { generatedColumns, indexKeys, viewBody } from './catalog-text'
import { columnCollations } from './table-text'

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

    const errors: ObjectError[] = []
    step('columns')
    const columnRows = await perRelation(
      session,
      relations,
      (where) =>
        `select schema_name, table_name, column_name, column_default, is_nullable, data_type, comment
           from duckdb_columns() where ${CURRENT} and not internal and ${filter} and ${where} order by schema_name, table_name, column_index`,
      errors
    )

    step('constraints')
    const constraintRows = await perRelation(
      session,
      relations.filter((r) => str(r.kind) === 'table'),
      (where) =>
        `select schema_name, table_name, constraint_type as type, constraint_name as name, expression, to_json(constraint_column_names) as columns,
                referenced_table, to_json(referenced_column_names) as ref_columns
           from duckdb_constraints()
          where ${CURRENT} and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'CHECK', 'FOREIGN KEY') and ${filter} and ${where}
          order by schema_name, table_name, constraint_index`,
      errors
    )

    step('indexes')
    const indexRows = await perRelation(
      session,
      relations.filter((r) => str(r.kind) === 'table'),
      (where) =>
        `select schema_name, table_name, index_name, is_unique, sql from duckdb_indexes() where ${CURRENT} and ${filter} and ${where} order by schema_name, table_name, index_name`,
      errors
    )

    step('routines')
    const macroRows = await listOf(
      session,
      'routine',
      ctx.defaultSchema,
      `select schema_name, function_name, function_type, to_json(parameters) as parameters, to_json(parameter_types) as parameter_types, macro_definition
         from duckdb_functions()
        where ${CURRENT} and not internal and function_type in ('macro', 'table_macro') and ${filter} order by 1, 2`,
      errors
    )

    step('types')
    const sequenceRows = await listOf(
      session,
      'sequence',
      ctx.defaultSchema,
      `select schema_name, sequence_name, start_value, min_value, max_value, increment_by, cycle
         from duckdb_sequences() where ${CURRENT} and not temporary and ${filter} order by 1, 2`,
      errors
    )
    const typeRows = await listOf(
      session,
      'type',
      ctx.defaultSchema,
      `select schema_name, type_name, logical_type, to_json(labels) as labels from duckdb_types() where ${CURRENT} and not internal and ${filter} order by 1, 2`,
      errors
    )
    const domains = await typeAliases(
      session,
      typeRows.filter((r) => str(r.logical_type) !== 'ENUM'),
      errors
    )

    const key = (r: CatalogRow): string => tableKey(str(r.schema_name), str(r.table_name))
    const columnsByTable = groupBy(columnRows, key)
    const constraintsByTable = groupBy(constraintRows, key)
    const indexesByTable = groupBy(indexRows, key)

    const tables: TableModel[] = relations.map((r) => {
      const schema = str(r.schema_name)
      const name = str(r.name)
      const isView = str(r.kind) === 'view'
      const generated = isView ? new Map<string, string>() : generatedColumns(str(r.sql))
      const collations = isView ? new Map<string, string>() : columnCollations(str(r.sql))
      const table: TableModel = {
        schema,
        name,
        kind: isView ? 'view' : 'table',
        comment: strOrNull(r.comment),
        definition: isView ? viewBody(str(r.sql)) : null,
        rowEstimate: isView ? null : numOrNull(r.estimated_size),
        columns: (columnsByTable.get(tableKey(schema, name)) ?? []).map((c) => toColumn(c, generated, collations)),
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
      routines: macros(macroRows),
      sequences: sequenceRows.map(toSequence),
      enums: typeRows.filter((r) => str(r.logical_type) === 'ENUM').map((r) => ({ schema: str(r.schema_name), name: str(r.type_name), values: names(r.labels) })),
      // CREATE TYPE name AS <type>: an alias, shown as a domain without a check
      domains,
      ...(errors.length ? { errors } : {})
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

function toColumn(r: CatalogRow, generated: Map<string, string>, collations: Map<string, string>): ColumnModel {
  const name = str(r.column_name)
  const expression = generated.get(name)
  const collation = collations.get(name)
  return {
    name,
    type: str(r.data_type),
    nullable: bool(r.is_nullable),
    default: expression === undefined ? strOrNull(r.column_default) : null,
    identity: false,
    generated: expression ?? null,
    ...(expression !== undefined && { generatedKind: 'virtual' as const }),
    ...(collation !== undefined && { collation }),
    comment: strOrNull(r.comment)
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * One catalog query over every relation; should it fail, once per relation, so that an object DuckDB cannot describe
 * is named in `errors` and costs only its own details.
 */
async function perRelation(session: CatalogSession, relations: CatalogRow[], sql: (where: string) => string, errors: ObjectError[]): Promise<CatalogRow[]> {
  try {
    return await queryRows(session, sql('true'))
  } catch (whole) {
    const rows: CatalogRow[] = []
    let failed = 0
    for (const r of relations) {
      const schema = str(r.schema_name)
      const name = str(r.name)
      try {
        rows.push(...(await queryRows(session, sql(`schema_name = ${sqlStringList([schema])} and table_name = ${sqlStringList([name])}`))))
      } catch (err) {
        failed++
        if (!errors.some((e) => e.schema === schema && e.name === name)) errors.push({ kind: str(r.kind), schema, name, message: message(err) })
      }
    }
    // Every relation failing is the session, not an object.
    if (relations.length > 1 && failed === relations.length) throw whole
    return rows
  }
}

/** A list without a per-object fallback (macros, sequences, types): a failure leaves that list empty and says so. */
async function listOf(session: CatalogSession, kind: string, schema: string, sql: string, errors: ObjectError[]): Promise<CatalogRow[]> {
  try {
    return await queryRows(session, sql)
  } catch (err) {
    errors.push({ kind, schema, name: '*', message: message(err) })
    return []
  }
}

/** `CREATE TYPE amount AS DECIMAL(12, 2)`: duckdb_types() says only DECIMAL; a cast to the alias tells the whole type. */
async function typeAliases(session: CatalogSession, rows: CatalogRow[], errors: ObjectError[]): Promise<DomainModel[]> {
  const out: DomainModel[] = []
  for (const r of rows) {
    const schema = str(r.schema_name)
    const name = str(r.type_name)
    let baseType = str(r.logical_type)
    try {
      const [t] = await queryRows(session, `select typeof(cast(null as ${qualifiedIdentifier('duckdb', name, schema)})) as t`)
      if (t?.t) baseType = str(t.t)
    } catch (err) {
      errors.push({ kind: 'domain', schema, name, message: message(err) })
    }
    out.push({ schema, name, baseType, check: null })
  }
  return out
}

function toSequence(r: CatalogRow): SequenceModel {
  return {
    schema: str(r.schema_name),
    name: str(r.sequence_name),
    dataType: 'BIGINT',
    start: str(r.start_value),
    increment: str(r.increment_by),
    min: str(r.min_value),
    max: str(r.max_value),
    cycle: bool(r.cycle)
  }
}

/**
 * Macros as routines of kind 'macro'. DuckDB lists each overload of a macro as its own row; they are created together
 * (`CREATE MACRO m(a) AS a, (a, b) AS a + b`), so every overload's definition is that one statement.
 */
function macros(rows: CatalogRow[]): RoutineModel[] {
  const q = (n: string): string => quoteIfNeeded('duckdb', n)
  const overload = (r: CatalogRow): { params: string; body: string } => {
    const types = names(r.parameter_types)
    const params = names(r.parameters).map((p, i) => (types[i] && types[i] !== 'null' ? `${q(p)} ${types[i]}` : q(p)))
    const table = str(r.function_type) === 'table_macro'
    return { params: params.join(', '), body: `${table ? 'TABLE ' : ''}${str(r.macro_definition)}` }
  }
  const groups = groupBy(rows, (r) => tableKey(str(r.schema_name), str(r.function_name)))
  return rows.map((r) => {
    const name = str(r.function_name)
    const all = groups.get(tableKey(str(r.schema_name), name))!.map(overload)
    const { params } = overload(r)
    return {
      schema: str(r.schema_name),
      name,
      kind: 'macro' as const,
      signature: `${name}(${params})`,
      returns: str(r.function_type) === 'table_macro' ? 'TABLE' : null,
      definition: `CREATE MACRO ${q(name)}${all.map((o) => `(${o.params}) AS ${o.body}`).join(', ')}`
    }
  })
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
        // DuckDB lists a column once per mention in the expression
        table.constraints.push({ name, kind: 'check', columns: [...new Set(columns)], expression: str(r.expression) })
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
