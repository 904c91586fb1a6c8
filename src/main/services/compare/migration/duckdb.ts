import type { TableModel } from '../../../../shared/schema-model'
import { engineFor, generateDdl } from '../../engines'
import type { DdlContext } from '../../schema/ddl/common'
import type { MigrationDialect } from './dialect'

const table = (t: TableModel, ctx: DdlContext): string => ctx.tableName(t.schema, t.name)
const alter = (t: TableModel, ctx: DdlContext, action: string): string => `ALTER TABLE ${table(t, ctx)} ${action}`

/**
 * DuckDB: transactional DDL; ALTER TABLE adds (nullable) and drops columns and changes a column's type, default and
 * NOT NULL. Keys and constraints cannot be added or dropped: the table is rebuilt under a temporary name, which DuckDB
 * refuses when another table's foreign key references it (the script then fails and rolls back).
 */
export const duckdbMigration: MigrationDialect = {
  transactional: true,
  begin: ['BEGIN TRANSACTION'],
  commit: ['COMMIT'],
  inlineForeignKeys: true,
  referencedTablesFixed: true,
  replacesRoutines: false,
  dropView: (v, ctx) => `DROP VIEW ${table(v, ctx)}`,
  dropTable: (t, ctx) => `DROP TABLE ${table(t, ctx)}`,
  dropTrigger: () => '',
  dropRoutine: (r, ctx) => `DROP MACRO ${ctx.tableName(r.schema, r.name)}`,
  dropSequence: (s, ctx) => `DROP SEQUENCE ${ctx.tableName(s.schema, s.name)}`,
  dropEnum: (e, ctx) => `DROP TYPE ${ctx.tableName(e.schema, e.name)}`,
  dropDomain: (d, ctx) => `DROP TYPE ${ctx.tableName(d.schema, d.name)}`,
  addColumn: (t, c, ctx) => (c.nullable && !c.generated ? alter(t, ctx, `ADD COLUMN ${engineFor('duckdb').ddl.columnDefinition(c, t, ctx)}`) : null),
  dropColumn: (t, c, ctx) => alter(t, ctx, `DROP COLUMN ${ctx.q(c.name)}`),
  alterColumn(t, a, b, ctx) {
    if ((a.generated ?? null) !== (b.generated ?? null) || (a.collation ?? null) !== (b.collation ?? null) || (a.comment ?? null) !== (b.comment ?? null)) return null
    const col = `ALTER COLUMN ${ctx.q(b.name)}`
    const out: string[] = []
    if (a.type !== b.type) out.push(alter(t, ctx, `${col} TYPE ${b.type}`))
    if ((a.default ?? null) !== (b.default ?? null)) out.push(alter(t, ctx, b.default ? `${col} SET DEFAULT ${b.default}` : `${col} DROP DEFAULT`))
    if (a.nullable !== b.nullable) out.push(alter(t, ctx, `${col} ${b.nullable ? 'DROP' : 'SET'} NOT NULL`))
    return out
  },
  dropPrimaryKey: () => null,
  addPrimaryKey: () => null,
  dropConstraint: () => null,
  addConstraint: () => null,
  dropIndex: (t, i, ctx) => `DROP INDEX ${ctx.tableName(t.schema, i.name)}`,
  dropForeignKey: () => null,
  addForeignKey: () => null,

  rebuildTable(before, after, ctx) {
    const temp = `_qg_new_${after.name}`
    const create = generateDdl('duckdb', { ...after, name: temp, indexes: [], triggers: [] }, { includeTriggers: false }).trim().replace(/;$/, '')
    const kept = after.columns.filter((c) => !c.generated && before.columns.some((b) => b.name === c.name && !b.generated)).map((c) => ctx.q(c.name))
    return [
      create,
      `INSERT INTO ${ctx.tableName(after.schema, temp)} (${kept.join(', ')}) SELECT ${kept.join(', ')} FROM ${table(before, ctx)}`,
      `DROP TABLE ${table(before, ctx)}`,
      `ALTER TABLE ${ctx.tableName(after.schema, temp)} RENAME TO ${ctx.q(after.name)}`,
      ...after.indexes.map((i) => engineFor('duckdb').ddl.createIndex(i, after, ctx))
    ]
  }
}
