import type { ColumnModel, IndexModel, ObjectError, SequenceModel, TableModel } from '../../../../shared/schema-model'
import { bool, type CatalogRow, type CatalogSession, groupBy, numOrNull, queryRows, sqlStringList, str, strOrNull, tableKey } from '../../schema/catalog-session'
import { type IntrospectOptions, type IntrospectedModel, type Introspector, phaseReporter, type SchemaNames } from '../../schema/introspector'
import {
  applyPartitions,
  onUpdateOf,
  PARAMETER_QUERY,
  readSchemaDefaults,
  readSequences,
  ROUTINE_QUERY,
  tableOptions,
  toRoutines,
  toTrigger
} from './catalog-objects'

const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers', 'routines', 'partitions', 'sequences'] as const
const NUMERIC_TYPE = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year)\b/i

interface Scope {
  database: string
  schemas: string[]
  inList: string
  mariadb: boolean
}

async function scope(session: CatalogSession, options?: IntrospectOptions): Promise<Scope> {
  const [ctx] = await queryRows(session, 'select database() as db, version() as v')
  const database = str(ctx!.db)
  const schemas = options?.schemas?.length ? options.schemas : database ? [database] : []
  if (!schemas.length) throw new Error('No database selected: connect to a database or pass the schemas to introspect')
  return { database, schemas, inList: sqlStringList(schemas, true), mariadb: /mariadb/i.test(str(ctx!.v)) }
}

function tableKind(type: string): TableModel['kind'] {
  return /VIEW/i.test(type) ? 'view' : 'table'
}

export const mysqlIntrospector: Introspector = {
  dialect: 'mysql',

  async listNames(session, options) {
    const s = await scope(session, options)
    const rows = await queryRows(
      session,
      `select TABLE_SCHEMA as s, TABLE_NAME as n, TABLE_TYPE as t from information_schema.TABLES
        where TABLE_SCHEMA in (${s.inList}) and TABLE_TYPE <> 'SEQUENCE' order by 1, 2`
    )
    return {
      database: s.database,
      defaultSchema: s.database,
      schemas: s.schemas,
      tables: rows.map((r) => ({ schema: str(r.s), name: str(r.n), kind: tableKind(str(r.t)) }))
    } satisfies SchemaNames
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    step('names')
    const s = await scope(session, options)
    const inList = s.inList
    const tableRows = await queryRows(
      session,
      `select t.TABLE_SCHEMA as s, t.TABLE_NAME as n, t.TABLE_TYPE as t, t.TABLE_COMMENT as comment, t.TABLE_ROWS as row_estimate,
              v.VIEW_DEFINITION as definition, t.ENGINE as engine, t.TABLE_COLLATION as collation, c.CHARACTER_SET_NAME as charset,
              t.CREATE_OPTIONS as create_options
         from information_schema.TABLES t
         left join information_schema.VIEWS v on v.TABLE_SCHEMA = t.TABLE_SCHEMA and v.TABLE_NAME = t.TABLE_NAME
         left join information_schema.COLLATIONS c on c.COLLATION_NAME = t.TABLE_COLLATION
        where t.TABLE_SCHEMA in (${inList}) order by 1, 2`
    )
    const defaults = await readSchemaDefaults(session, inList)

    step('columns')
    const columnRows = await queryRows(session, `select * from information_schema.COLUMNS where TABLE_SCHEMA in (${inList}) order by TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`)

    step('constraints')
    const keyRows = await queryRows(
      session,
      `select tc.TABLE_SCHEMA as s, tc.TABLE_NAME as t, tc.CONSTRAINT_NAME as name, tc.CONSTRAINT_TYPE as type,
              k.COLUMN_NAME as col, k.REFERENCED_TABLE_SCHEMA as ref_schema, k.REFERENCED_TABLE_NAME as ref_table,
              k.REFERENCED_COLUMN_NAME as ref_col, rc.UPDATE_RULE as on_update, rc.DELETE_RULE as on_delete
         from information_schema.TABLE_CONSTRAINTS tc
         join information_schema.KEY_COLUMN_USAGE k
           on k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and k.TABLE_NAME = tc.TABLE_NAME and k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
         left join information_schema.REFERENTIAL_CONSTRAINTS rc
           on rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and rc.TABLE_NAME = tc.TABLE_NAME and rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
        where tc.TABLE_SCHEMA in (${inList}) and tc.CONSTRAINT_TYPE in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
        order by 1, 2, 3, k.ORDINAL_POSITION`
    )
    // MariaDB names column-level checks after the column, so the name alone is not unique within a schema.
    const checkRows = await queryRows(
      session,
      `select tc.TABLE_SCHEMA as s, tc.TABLE_NAME as t, tc.CONSTRAINT_NAME as name, cc.CHECK_CLAUSE as clause
         from information_schema.TABLE_CONSTRAINTS tc
         join information_schema.CHECK_CONSTRAINTS cc
           on cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
              ${s.mariadb ? 'and cc.TABLE_NAME = tc.TABLE_NAME' : ''}
        where tc.TABLE_SCHEMA in (${inList}) and tc.CONSTRAINT_TYPE = 'CHECK'
        order by 1, 2, 3`
    )

    step('indexes')
    const indexRows = await queryRows(
      session,
      `select * from information_schema.STATISTICS where TABLE_SCHEMA in (${inList}) order by TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
    )

    step('triggers')
    // Within one timing and event, ACTION_ORDER is the order they fire in (and were created in).
    const triggerRows = await queryRows(
      session,
      `select EVENT_OBJECT_SCHEMA as s, EVENT_OBJECT_TABLE as t, TRIGGER_NAME as name, ACTION_TIMING as timing,
              EVENT_MANIPULATION as event, ACTION_ORIENTATION as orientation, ACTION_STATEMENT as body
         from information_schema.TRIGGERS where EVENT_OBJECT_SCHEMA in (${inList}) order by 1, 2, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`
    )

    step('routines')
    const routineRows = await queryRows(session, ROUTINE_QUERY(inList))
    const parameterRows = await queryRows(session, PARAMETER_QUERY(inList))

    const columnsByTable = groupBy(columnRows, (r) => tableKey(str(r.table_schema), str(r.table_name)))
    const keysByTable = groupBy(keyRows, (r) => tableKey(str(r.s), str(r.t)))
    const checksByTable = groupBy(checkRows, (r) => tableKey(str(r.s), str(r.t)))
    const indexesByTable = groupBy(indexRows, (r) => tableKey(str(r.table_schema), str(r.table_name)))
    const triggersByTable = groupBy(triggerRows, (r) => tableKey(str(r.s), str(r.t)))

    const tables: TableModel[] = []
    const sequenceNames: { schema: string; name: string }[] = []
    const partitioned = new Set<string>()
    for (const r of tableRows) {
      if (str(r.t) === 'SEQUENCE') {
        sequenceNames.push({ schema: str(r.s), name: str(r.n) })
        continue
      }
      const key = tableKey(str(r.s), str(r.n))
      const kind = tableKind(str(r.t))
      if (kind === 'table' && /\bpartitioned\b/i.test(str(r.create_options))) partitioned.add(key)
      const tableCollation = str(r.collation)
      const table: TableModel = {
        schema: str(r.s),
        name: str(r.n),
        kind,
        comment: kind === 'view' ? null : str(r.comment) || null,
        definition: kind === 'view' ? strOrNull(r.definition) : null,
        rowEstimate: kind === 'view' ? null : numOrNull(r.row_estimate),
        columns: (columnsByTable.get(key) ?? []).map((c) => toColumn(c, s.mariadb, tableCollation)),
        primaryKey: null,
        foreignKeys: [],
        indexes: [],
        constraints: (checksByTable.get(key) ?? []).map((c) => ({ name: str(c.name), kind: 'check' as const, expression: str(c.clause) })),
        triggers: (triggersByTable.get(key) ?? []).map(toTrigger)
      }
      if (kind === 'table') table.options = tableOptions(r, defaults.get(str(r.s)))
      const uniqueNames = applyKeys(table, keysByTable.get(key) ?? [])
      table.indexes = toIndexes(indexesByTable.get(key) ?? [], uniqueNames)
      tables.push(table)
    }

    step('partitions')
    await applyPartitions(session, tables, partitioned)
    const routines = toRoutines(routineRows, parameterRows, defaults)

    step('sequences')
    const errors: ObjectError[] = []
    const sequences: SequenceModel[] = []
    if (sequenceNames.length) {
      const read = await readSequences(session, sequenceNames)
      sequences.push(...read.sequences)
      errors.push(...read.errors)
    }

    const model: IntrospectedModel = {
      dialect: 'mysql',
      database: s.database,
      defaultSchema: s.database,
      schemas: s.schemas,
      tables,
      routines,
      sequences,
      enums: [],
      domains: [],
      ...(errors.length ? { errors } : {})
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

function toColumn(c: CatalogRow, mariadb: boolean, tableCollation: string): ColumnModel {
  const extra = str(c.extra)
  const generatedExpr = strOrNull(c.generation_expression)
  const generated = /GENERATED|VIRTUAL|PERSISTENT|STORED/i.test(extra) && !/DEFAULT_GENERATED/i.test(extra) && !!generatedExpr
  const collation = str(c.collation_name)
  const onUpdate = onUpdateOf(extra)
  return {
    name: str(c.column_name),
    type: str(c.column_type),
    nullable: bool(c.is_nullable),
    default: generated ? null : normalizeDefault(c, mariadb),
    identity: /auto_increment/i.test(extra),
    generated: generated ? generatedExpr : null,
    ...(generated ? { generatedKind: /STORED|PERSISTENT/i.test(extra) ? ('stored' as const) : ('virtual' as const) } : {}),
    // Only a collation other than the table's: the rest follows the table (and the table the database).
    ...(collation && collation !== tableCollation ? { collation } : {}),
    ...(onUpdate ? { onUpdate } : {}),
    comment: str(c.column_comment) || null
  }
}

/** As an SQL expression: MariaDB already reports `'text'`/`NULL`/`current_timestamp()`; MySQL 8 reports raw values. */
function normalizeDefault(c: CatalogRow, mariadb: boolean): string | null {
  const raw = strOrNull(c.column_default)
  if (raw === null) return null
  if (mariadb) return raw === 'NULL' ? null : raw
  if (/DEFAULT_GENERATED/i.test(str(c.extra))) return /^\w+$/.test(raw) ? raw : `(${raw})`
  if (NUMERIC_TYPE.test(str(c.column_type)) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return raw
  return `'${raw.replace(/'/g, "''")}'`
}

/** Fills primary key, unique constraints and foreign keys; returns the names of key-backing indexes. */
function applyKeys(table: TableModel, rows: CatalogRow[]): Set<string> {
  const keyIndexes = new Set<string>(['PRIMARY'])
  for (const group of groupBy(rows, (r) => str(r.name)).values()) {
    const first = group[0]!
    const name = str(first.name)
    const cols = group.map((r) => str(r.col))
    switch (str(first.type)) {
      case 'PRIMARY KEY':
        table.primaryKey = { name, columns: cols }
        break
      case 'UNIQUE':
        keyIndexes.add(name)
        table.constraints.push({ name, kind: 'unique', columns: cols })
        break
      case 'FOREIGN KEY':
        table.foreignKeys.push({
          name,
          columns: cols,
          refSchema: str(first.ref_schema),
          refTable: str(first.ref_table),
          refColumns: group.map((r) => str(r.ref_col)),
          onDelete: str(first.on_delete) || 'NO ACTION',
          onUpdate: str(first.on_update) || 'NO ACTION'
        })
        break
    }
  }
  return keyIndexes
}

function toIndexes(rows: CatalogRow[], keyIndexes: Set<string>): IndexModel[] {
  return [...groupBy(rows, (r) => str(r.index_name)).values()]
    .filter((g) => !keyIndexes.has(str(g[0]!.index_name)))
    .map((group) => {
      const first = group[0]!
      return {
        name: str(first.index_name),
        columns: group.map((r) => {
          const col = r.column_name === null ? `(${str(r.expression)})` : str(r.column_name)
          const prefix = r.sub_part === null || r.sub_part === undefined ? '' : `(${str(r.sub_part)})`
          return col + prefix + (str(r.collation) === 'D' ? ' DESC' : '')
        }),
        unique: !bool(first.non_unique),
        method: str(first.index_type) || undefined,
        predicate: null
      }
    })
}
