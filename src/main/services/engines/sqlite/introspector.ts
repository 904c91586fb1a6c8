import type { IndexModel, ObjectError, TableModel } from '../../../../shared/schema-model'
import { bool, type CatalogRow, type CatalogSession, groupBy, num, queryRows, str, strOrNull } from '../../schema/catalog-session'
import { type IntrospectedModel, type Introspector, phaseReporter } from '../../schema/introspector'
import { yieldIfDue } from '../../statements/split-bounded'
import { parseCreateIndex, parseCreateTable, parseTrigger, viewBody } from './ddl-parser'
import { parseTableText } from './table-text'

const SCHEMA = 'main'
const PHASES = ['names', 'columns', 'constraints', 'indexes', 'triggers'] as const
const USER_OBJECTS = `m.name not like 'sqlite_%'`

const synthName = (table: string, cols: string[], suffix: string): string => `${table}_${cols.join('_')}_${suffix}`
const sameColumns = (a: string[], b: string[]): boolean => a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]!.toLowerCase())

export const sqliteIntrospector: Introspector = {
  dialect: 'sqlite',

  async listNames(session) {
    const [db] = await queryRows(session, `select file from pragma_database_list where name = 'main'`)
    const rows = await queryRows(session, `select m.type, m.name from sqlite_master m where m.type in ('table', 'view') and ${USER_OBJECTS} order by m.name`)
    const file = str(db?.file ?? null)
    return {
      database: file ? file.split(/[\\/]/).pop()! : ':memory:',
      defaultSchema: SCHEMA,
      schemas: [SCHEMA],
      tables: rows.map((r) => ({ schema: SCHEMA, name: str(r.name), kind: str(r.type) === 'view' ? ('view' as const) : ('table' as const) }))
    }
  },

  async introspect(session, options) {
    const step = phaseReporter(PHASES, options?.onProgress)
    step('names')
    const names = await this.listNames(session, options)
    const objects = await queryRows(session, `select m.type, m.name, m.tbl_name, m.sql from sqlite_master m where ${USER_OBJECTS} order by m.name`)

    step('columns')
    const errors: ObjectError[] = []
    const relations = objects.filter((o) => str(o.type) === 'table' || str(o.type) === 'view')
    const columnRows = await perObject(
      session,
      relations,
      (where) =>
        `select m.name as tbl, p.cid, p.name, p.type, p."notnull" as not_null, p.dflt_value, p.pk, p.hidden
           from sqlite_master m join pragma_table_xinfo(m.name) p
          where m.type in ('table', 'view') and ${USER_OBJECTS} and ${where} order by m.name, p.cid`,
      errors
    )

    step('constraints')
    const baseTables = objects.filter((o) => str(o.type) === 'table')
    const fkRows = await perObject(
      session,
      baseTables,
      (where) =>
        `select m.name as tbl, f.id, f.seq, f."table" as ref_table, f."from" as col, f."to" as ref_col, f.on_update, f.on_delete
           from sqlite_master m join pragma_foreign_key_list(m.name) f
          where m.type = 'table' and ${USER_OBJECTS} and ${where} order by m.name, f.id, f.seq`,
      errors
    )

    step('indexes')
    const indexRows = await perObject(
      session,
      baseTables,
      (where) =>
        `select m.name as tbl, il.name as idx, il."unique" as is_unique, il.origin, ii.seqno, ii.name as col, ii."desc" as descending, ii.coll
           from sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) ii
          where m.type = 'table' and ${USER_OBJECTS} and ${where} and ii."key" = 1 order by m.name, il.name, ii.seqno`,
      errors
    )
    const hasStats = (await queryRows(session, `select 1 as x from sqlite_master where name = 'sqlite_stat1'`)).length > 0
    const stats = hasStats ? await queryRows(session, `select tbl, max(cast(stat as integer)) as n from sqlite_stat1 group by tbl`) : []

    step('triggers')
    const sqlByName = new Map(objects.map((o) => [str(o.name), str(o.sql)]))
    const triggersByTable = groupBy(
      objects.filter((o) => str(o.type) === 'trigger'),
      (o) => str(o.tbl_name)
    )
    const columnsByTable = groupBy(columnRows, (r) => str(r.tbl))
    const fksByTable = groupBy(fkRows, (r) => str(r.tbl))
    const indexesByTable = groupBy(indexRows, (r) => str(r.tbl))
    const rowEstimates = new Map(stats.map((s) => [str(s.tbl), num(s.n)]))

    const buildTable = (o: CatalogRow): TableModel => {
      const name = str(o.name)
      const sql = str(o.sql)
      const isView = str(o.type) === 'view'
      const parsed = isView ? null : parseCreateTable(sql)
      const text = isView ? null : parseTableText(sql)
      const cols = columnsByTable.get(name) ?? []
      const pkCols = cols.filter((c) => num(c.pk) > 0).sort((a, b) => num(a.pk) - num(b.pk))
      const rowidAlias = !isView && !parsed!.withoutRowid && pkCols.length === 1 && str(pkCols[0]!.type).toUpperCase() === 'INTEGER'
      const table: TableModel = {
        schema: SCHEMA,
        name,
        kind: isView ? 'view' : 'table',
        comment: null,
        definition: isView ? viewBody(sql) : null,
        rowEstimate: isView ? null : rowEstimates.get(name) ?? null,
        columns: cols.map((c) => {
          const hidden = num(c.hidden)
          return {
            name: str(c.name),
            type: str(c.type),
            nullable: !bool(c.not_null) && !(rowidAlias && num(c.pk) > 0),
            default: strOrNull(c.dflt_value),
            identity: rowidAlias && num(c.pk) > 0,
            generated: hidden === 2 || hidden === 3 ? parsed?.generated.get(str(c.name)) ?? null : null,
            ...(hidden === 2 ? { generatedKind: 'virtual' as const } : hidden === 3 ? { generatedKind: 'stored' as const } : {}),
            ...(text?.collations.has(str(c.name)) ? { collation: text.collations.get(str(c.name))! } : {}),
            comment: null
          }
        }),
        primaryKey: pkCols.length ? { ...(parsed?.primaryKeyName ? { name: parsed.primaryKeyName } : {}), columns: pkCols.map((c) => str(c.name)) } : null,
        foreignKeys: [],
        indexes: [],
        constraints: [],
        triggers: (triggersByTable.get(name) ?? []).map((t) => ({ name: str(t.name), ...parseTrigger(str(t.sql)), definition: str(t.sql) }))
      }
      const options = text ? tableOptions(text) : null
      if (options) table.options = options
      if (parsed) {
        table.constraints = parsed.checks.map((c, i) => ({
          name: c.name ?? (c.column ? `${name}_${c.column}_check` : `${name}_check${i + 1}`),
          kind: 'check' as const,
          ...(c.column ? { columns: [c.column] } : {}),
          expression: c.expression
        }))
        applyForeignKeys(table, fksByTable.get(name) ?? [], parsed.foreignKeys)
        applyIndexes(table, indexesByTable.get(name) ?? [], parsed.uniques, sqlByName, text!.collations)
      }
      return table
    }
    // one table at a time, yielding between slices: parsing the DDL of thousands of tables must not stall other calls
    const tables: TableModel[] = []
    let since = performance.now()
    for (const o of relations) {
      tables.push(buildTable(o))
      since = await yieldIfDue(since)
    }

    // `REFERENCES t` without columns means t's primary key.
    const pkByTable = new Map(tables.map((t) => [t.name.toLowerCase(), t.primaryKey?.columns ?? []]))
    for (const t of tables) for (const fk of t.foreignKeys) if (fk.refColumns.some((c) => !c)) fk.refColumns = pkByTable.get(fk.refTable.toLowerCase()) ?? fk.refColumns

    const model: IntrospectedModel = {
      dialect: 'sqlite',
      database: names.database,
      defaultSchema: SCHEMA,
      schemas: [SCHEMA],
      tables,
      routines: [],
      sequences: [],
      enums: [],
      domains: [],
      ...(errors.length ? { errors } : {})
    }
    options?.onProgress?.('done', PHASES.length, PHASES.length)
    return model
  }
}

/** WITHOUT ROWID, STRICT and AUTOINCREMENT as table options; null when the table has none. */
function tableOptions(text: ReturnType<typeof parseTableText>): Record<string, string> | null {
  const options: Record<string, string> = {}
  if (text.withoutRowid) options.without_rowid = 'true'
  if (text.strict) options.strict = 'true'
  if (text.autoincrement) options.autoincrement = text.autoincrement
  return Object.keys(options).length ? options : null
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`

/**
 * Runs a catalog query over every object at once; when that fails (a view calling a function this connection lacks
 * makes pragma_table_xinfo fail for the whole join), runs it once per object, so one broken object costs only its own
 * details: it is named in `errors` and the rest is read in full.
 */
async function perObject(session: CatalogSession, objects: CatalogRow[], sql: (where: string) => string, errors: ObjectError[]): Promise<CatalogRow[]> {
  try {
    return await queryRows(session, sql('1 = 1'))
  } catch (whole) {
    const rows: CatalogRow[] = []
    let failed = 0
    let remaining = objects
    // Base tables rarely fail (their columns are declared, not derived): try them together before going one by one.
    const others = objects.filter((o) => str(o.type) !== 'table')
    if (others.length > 0 && others.length < objects.length) {
      try {
        rows.push(...(await queryRows(session, sql(`m.type = 'table'`))))
        remaining = others
      } catch {
        // fall through to one query per object
      }
    }
    for (const o of remaining) {
      const name = str(o.name)
      try {
        rows.push(...(await queryRows(session, sql(`m.name = ${sqlString(name)}`))))
      } catch (err) {
        failed++
        if (!errors.some((e) => e.name === name)) errors.push({ kind: str(o.type), schema: SCHEMA, name, message: err instanceof Error ? err.message : String(err) })
      }
    }
    // Tables and views all failing is the connection, not an object: report that as the error it is.
    if (failed === objects.length && others.length < objects.length) throw whole
    return rows
  }
}

function applyForeignKeys(table: TableModel, rows: CatalogRow[], parsed: { name: string | null; columns: string[] }[]): void {
  for (const group of groupBy(rows, (r) => str(r.id)).values()) {
    const columns = group.map((r) => str(r.col))
    const first = group[0]!
    table.foreignKeys.push({
      name: parsed.find((p) => p.name && sameColumns(p.columns, columns))?.name ?? synthName(table.name, columns, 'fkey'),
      columns,
      refSchema: SCHEMA,
      refTable: str(first.ref_table),
      refColumns: group.map((r) => str(r.ref_col)),
      onDelete: str(first.on_delete) || 'NO ACTION',
      onUpdate: str(first.on_update) || 'NO ACTION'
    })
  }
}

function applyIndexes(
  table: TableModel,
  rows: CatalogRow[],
  uniques: { name: string | null; columns: string[] }[],
  sqlByName: Map<string, string>,
  collations: Map<string, string>
): void {
  // A key column compared with another collation than its own is printed `col COLLATE NOCASE`.
  const key = (r: CatalogRow): string => {
    const col = str(r.col)
    const own = collations.get(col) ?? 'BINARY'
    const coll = str(r.coll)
    return col + (coll && coll.toUpperCase() !== own.toUpperCase() ? ` COLLATE ${coll}` : '') + (bool(r.descending) ? ' DESC' : '')
  }
  for (const group of groupBy(rows, (r) => str(r.idx)).values()) {
    const first = group[0]!
    const origin = str(first.origin)
    if (origin === 'pk') continue
    if (origin === 'u') {
      const columns = group.map((r) => str(r.col))
      table.constraints.push({ name: uniques.find((u) => u.name && sameColumns(u.columns, columns))?.name ?? synthName(table.name, columns, 'key'), kind: 'unique', columns })
      continue
    }
    const { keys, predicate } = parseCreateIndex(sqlByName.get(str(first.idx)) ?? '')
    const index: IndexModel = {
      name: str(first.idx),
      columns: group.map((r, i) => (r.col === null ? keys[i] ?? '?' : key(r))),
      unique: bool(first.is_unique),
      predicate
    }
    table.indexes.push(index)
  }
}
