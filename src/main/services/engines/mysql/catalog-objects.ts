/**
 * MariaDB/MySQL catalog pieces beyond columns and keys: table options, partitions, routine and trigger sources,
 * sequences. Every reader is one set-based query for all tables of the scope; the only per-object statements are
 * `SHOW CREATE TABLE` for the rare LIST-partitioned table whose DEFAULT partition information_schema cannot tell
 * apart from `VALUES IN (0)`.
 */
import type { ObjectError, RoutineModel, SequenceModel, TableModel, TriggerModel } from '../../../../shared/schema-model'
import { quoteIfNeeded, stringLiteral } from '../../../../shared/sql-identifiers'
import { bool, type CatalogRow, type CatalogSession, groupBy, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'

const q = (name: string): string => quoteIfNeeded('mysql', name)


/** Default collation (and its charset) of each database in scope: what a table without CHARSET/COLLATE gets. */
export interface SchemaDefaults {
  charset: string
  collation: string
}

export async function readSchemaDefaults(session: CatalogSession, inList: string): Promise<Map<string, SchemaDefaults>> {
  const rows = await queryRows(
    session,
    `select SCHEMA_NAME as s, DEFAULT_CHARACTER_SET_NAME as cs, DEFAULT_COLLATION_NAME as coll from information_schema.SCHEMATA where SCHEMA_NAME in (${inList})`
  )
  return new Map(rows.map((r) => [str(r.s), { charset: str(r.cs), collation: str(r.coll) }]))
}

/**
 * Options of a base table. `engine` always (a script run on a server with another default engine must still
 * make the same table); `charset`/`collation` only when the table's collation differs from its database's default,
 * so a table that follows the database default keeps following it where the DDL runs; explicit CREATE_OPTIONS
 * (`row_format`, `key_block_size`, `checksum`…) as the engine lists them. AUTO_INCREMENT is data, not schema.
 */
export function tableOptions(r: CatalogRow, defaults: SchemaDefaults | undefined): Record<string, string> {
  const options: Record<string, string> = {}
  const engine = str(r.engine)
  if (engine) options.engine = engine
  const collation = str(r.collation)
  if (collation && collation !== defaults?.collation) {
    if (str(r.charset)) options.charset = str(r.charset)
    options.collation = collation
  }
  for (const m of str(r.create_options).matchAll(/`?([A-Za-z_]+)`?=(\S+)/g)) {
    const name = m[1]!.toLowerCase()
    if (name !== 'partitioned') options[name] = m[2]!
  }
  return options
}

/** MariaDB prints `on update current_timestamp()`, MySQL 8 `DEFAULT_GENERATED on update CURRENT_TIMESTAMP`. */
export function onUpdateOf(extra: string): string | null {
  const m = /\bon update (\w+(?:\(\d*\))?)/i.exec(extra)
  return m ? m[1]! : null
}

/** The partitioned tables of the scope (CREATE_OPTIONS says `partitioned`), read from information_schema.PARTITIONS in one query. */
export async function applyPartitions(session: CatalogSession, tables: TableModel[], partitioned: Set<string>): Promise<void> {
  const targets = tables.filter((t) => t.kind === 'table' && partitioned.has(tableKey(t.schema, t.name)))
  if (!targets.length) return
  const schemas = sqlStringList([...new Set(targets.map((t) => t.schema))], true)
  const names = sqlStringList([...new Set(targets.map((t) => t.name))], true)
  const rows = await queryRows(
    session,
    `select TABLE_SCHEMA as s, TABLE_NAME as t, PARTITION_NAME as name, SUBPARTITION_NAME as sub, PARTITION_METHOD as method,
            PARTITION_EXPRESSION as expr, SUBPARTITION_METHOD as sub_method, SUBPARTITION_EXPRESSION as sub_expr,
            PARTITION_DESCRIPTION as description
       from information_schema.PARTITIONS
      where TABLE_SCHEMA in (${schemas}) and TABLE_NAME in (${names}) and PARTITION_NAME is not null
      order by 1, 2, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`
  )
  const byTable = groupBy(rows, (r) => tableKey(str(r.s), str(r.t)))
  for (const table of targets) {
    const group = byTable.get(tableKey(table.schema, table.name))
    if (!group?.length) continue
    const first = group[0]!
    const strategy = str(first.method)
    const partitions = [...new Set(group.map((r) => str(r.name)))]
    const bounds: Record<string, string> = {}
    for (const name of partitions) {
      const bound = boundOf(strategy, str(group.find((r) => str(r.name) === name)!.description))
      if (bound) bounds[name] = bound
    }
    table.partitioning = { strategy, key: str(first.expr), partitions, ...(Object.keys(bounds).length && { bounds }) }
    if (first.sub !== null && str(first.sub_method)) {
      table.partitioning.subpartitionBy = `${str(first.sub_method)} (${str(first.sub_expr)})`
      table.partitioning.subpartitions = group.filter((r) => str(r.name) === partitions[0]).length
    }
    if (strategy.startsWith('LIST') && group.some((r) => str(r.description) === '0')) await resolveListDefault(session, table)
  }
}

function boundOf(strategy: string, description: string): string | null {
  if (strategy.startsWith('RANGE')) return description === 'MAXVALUE' ? 'VALUES LESS THAN MAXVALUE' : `VALUES LESS THAN (${description})`
  if (strategy.startsWith('LIST')) return description === 'DEFAULT' ? 'DEFAULT' : `VALUES IN (${description})`
  return null
}

/** MariaDB reports a LIST table's DEFAULT partition with the description `0`, the same as `VALUES IN (0)`: SHOW CREATE TABLE tells. */
async function resolveListDefault(session: CatalogSession, table: TableModel): Promise<void> {
  const [row] = await queryRows(session, `show create table ${q(table.schema)}.${q(table.name)}`)
  const text = str(row?.['create table'] ?? null)
  const bounds = (table.partitioning!.bounds ??= {})
  for (const m of text.matchAll(/PARTITION `((?:[^`]|``)+)` DEFAULT\b/g)) bounds[m[1]!.replace(/``/g, '`')] = 'DEFAULT'
}

/** `CREATE TRIGGER name BEFORE UPDATE ON table FOR EACH ROW body`, names quoted as needed, unqualified like SHOW CREATE TRIGGER. */
export function toTrigger(r: CatalogRow): TriggerModel {
  const timing = str(r.timing)
  const event = str(r.event)
  return {
    name: str(r.name),
    timing,
    events: [event],
    definition: `CREATE TRIGGER ${q(str(r.name))} ${timing} ${event} ON ${q(str(r.t))} FOR EACH ${str(r.orientation) || 'ROW'} ${str(r.body)}`
  }
}

/** ` CHARSET x COLLATE y` when a string parameter or return type does not use the database default collation. */
function charsetClause(r: CatalogRow, defaults: SchemaDefaults | undefined): string {
  const collation = str(r.coll)
  if (!collation || collation === defaults?.collation) return ''
  return ` CHARSET ${str(r.cs)} COLLATE ${collation}`
}

/**
 * Routines from information_schema.ROUTINES (ROUTINE_DEFINITION is the body as written) and PARAMETERS: the
 * CREATE statement is assembled from them, without DEFINER (the account may not exist where the DDL runs).
 */
export function toRoutines(routineRows: CatalogRow[], parameterRows: CatalogRow[], defaults: Map<string, SchemaDefaults>): RoutineModel[] {
  const paramsByRoutine = groupBy(parameterRows, (r) => `${str(r.s)}\u0000${str(r.type)}\u0000${str(r.name)}`)
  return routineRows.map((r) => {
    const procedure = str(r.type) === 'PROCEDURE'
    const dbDefaults = defaults.get(str(r.s))
    const params = paramsByRoutine.get(`${str(r.s)}\u0000${str(r.type)}\u0000${str(r.name)}`) ?? []
    const mode = (p: CatalogRow): string => (procedure ? `${str(p.mode)} ` : '')
    const signature = `${str(r.name)}(${params.map((p) => `${mode(p)}${str(p.pname)} ${str(p.dtype)}`).join(', ')})`
    const routine: RoutineModel = {
      schema: str(r.s),
      name: str(r.name),
      kind: procedure ? 'procedure' : 'function',
      signature,
      returns: procedure ? null : strOrNull(r.returns),
      language: str(r.body_language) || 'SQL',
      comment: str(r.comment) || null
    }
    if (r.definition !== null) {
      const paramList = params.map((p) => `${mode(p)}${q(str(p.pname))} ${str(p.dtype)}${charsetClause(p, dbDefaults)}`).join(', ')
      let head = `CREATE ${procedure ? 'PROCEDURE' : 'FUNCTION'} ${q(str(r.name))}(${paramList})`
      if (!procedure) head += ` RETURNS ${str(r.returns)}${charsetClause(r, dbDefaults)}`
      const characteristics: string[] = []
      if (bool(r.is_deterministic)) characteristics.push('DETERMINISTIC')
      if (str(r.data_access) && str(r.data_access) !== 'CONTAINS SQL') characteristics.push(str(r.data_access))
      if (str(r.security_type) === 'INVOKER') characteristics.push('SQL SECURITY INVOKER')
      if (str(r.comment)) characteristics.push(`COMMENT ${stringLiteral('mysql', str(r.comment))}`)
      routine.definition = [head, ...characteristics.map((c) => `    ${c}`), str(r.definition)].join('\n')
    }
    return routine
  })
}

export const ROUTINE_QUERY = (inList: string): string =>
  `select r.ROUTINE_SCHEMA as s, r.ROUTINE_NAME as name, r.ROUTINE_TYPE as type, r.DTD_IDENTIFIER as returns,
          r.CHARACTER_SET_NAME as cs, r.COLLATION_NAME as coll, r.ROUTINE_BODY as body_language, r.ROUTINE_DEFINITION as definition,
          r.IS_DETERMINISTIC as is_deterministic, r.SQL_DATA_ACCESS as data_access, r.SECURITY_TYPE as security_type, r.ROUTINE_COMMENT as comment
     from information_schema.ROUTINES r
    where r.ROUTINE_SCHEMA in (${inList}) and r.ROUTINE_TYPE in ('FUNCTION', 'PROCEDURE') order by 1, 2, 3`

export const PARAMETER_QUERY = (inList: string): string =>
  `select SPECIFIC_SCHEMA as s, SPECIFIC_NAME as name, ROUTINE_TYPE as type, PARAMETER_MODE as mode, PARAMETER_NAME as pname,
          DTD_IDENTIFIER as dtype, CHARACTER_SET_NAME as cs, COLLATION_NAME as coll
     from information_schema.PARAMETERS where SPECIFIC_SCHEMA in (${inList}) and ORDINAL_POSITION > 0 order by 1, 2, ORDINAL_POSITION`

const SEQUENCE_CHUNK = 200

/**
 * MariaDB sequences. 10.11 has no information_schema.SEQUENCES, and SHOW CREATE SEQUENCE is per object; a sequence
 * is a one-row table, so one UNION ALL over them (per 200) reads every sequence's parameters without advancing it.
 * A sequence that cannot be read keeps its name and gets an entry in `errors`.
 */
export async function readSequences(session: CatalogSession, names: { schema: string; name: string }[]): Promise<{ sequences: SequenceModel[]; errors: ObjectError[] }> {
  const sequences: SequenceModel[] = []
  const errors: ObjectError[] = []
  for (let i = 0; i < names.length; i += SEQUENCE_CHUNK) {
    const chunk = names.slice(i, i + SEQUENCE_CHUNK)
    const sql = chunk
      .map(
        (n, j) =>
          `select ${j} as i, start_value as seq_start, increment as seq_inc, minimum_value as seq_min, maximum_value as seq_max, cache_size as seq_cache, cycle_option as seq_cycle from ${q(n.schema)}.${q(n.name)}`
      )
      .join(' union all ')
    let rows: CatalogRow[] | null = null
    try {
      rows = await queryRows(session, sql)
    } catch (err) {
      for (const n of chunk) errors.push({ kind: 'sequence', schema: n.schema, name: n.name, message: (err as Error).message })
    }
    const byIndex = new Map((rows ?? []).map((r) => [Number(r.i), r]))
    chunk.forEach((n, j) => {
      const r = byIndex.get(j)
      if (!r) return sequences.push({ schema: n.schema, name: n.name, dataType: 'bigint' })
      sequences.push({
        schema: n.schema,
        name: n.name,
        dataType: 'bigint',
        start: str(r.seq_start),
        increment: str(r.seq_inc),
        min: str(r.seq_min),
        max: str(r.seq_max),
        cache: str(r.seq_cache),
        cycle: bool(r.seq_cycle)
      })
    })
  }
  return { sequences, errors }
}
