import type { TableModel } from '../../../../shared/schema-model'
import { engineFor, generateDdl } from '../../engines'
import { type DdlContext } from '../../schema/ddl/common'
import type { MigrationDialect } from './dialect'

const table = (t: TableModel, ctx: DdlContext): string => ctx.tableName(t.schema, t.name)

/**
 * SQLite: transactional DDL, but ALTER TABLE only adds, renames and drops plain columns; everything else is the
 * documented 12-step rebuild (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign keys off (set
 * outside the transaction), create the new table under a temporary name, copy the rows, drop the old, rename the new,
 * recreate its indexes, check the foreign keys. Views and triggers around it are dropped and recreated by the planner.
 */
export const sqliteMigration: MigrationDialect = {
  transactional: true,
  begin: ['PRAGMA foreign_keys = OFF', 'BEGIN TRANSACTION'],
  commit: ['PRAGMA foreign_key_check', 'COMMIT', 'PRAGMA foreign_keys = ON'],
  inlineForeignKeys: true,
  replacesRoutines: false,
  dropView: (v, ctx) => `DROP VIEW ${table(v, ctx)}`,
  dropTable: (t, ctx) => `DROP TABLE ${table(t, ctx)}`,
  dropTrigger: (_t, trigger, ctx) => `DROP TRIGGER ${ctx.q(trigger.name)}`,
  dropRoutine: () => '',
  dropSequence: () => '',
  // a plain nullable column without a key can be added in place; anything else rebuilds
  addColumn: (t, c, ctx) =>
    c.nullable && !c.generated && !t.constraints.some((k) => k.columns?.includes(c.name)) && !t.foreignKeys.some((fk) => fk.columns.includes(c.name))
      ? `ALTER TABLE ${table(t, ctx)} ADD COLUMN ${engineFor('sqlite').ddl.columnDefinition(c, t, ctx)}`
      : null,
  dropColumn: () => null,
  alterColumn: () => null,
  dropPrimaryKey: () => null,
  addPrimaryKey: () => null,
  dropConstraint: () => null,
  addConstraint: () => null,
  dropIndex: (_t, i, ctx) => `DROP INDEX ${ctx.q(i.name)}`,
  dropForeignKey: () => null,
  addForeignKey: () => null,

  rebuildTable(before, after, ctx) {
    const temp = `_qg_new_${after.name}`
    const create = generateDdl('sqlite', { ...after, name: temp, indexes: [], triggers: [] }, { includeTriggers: false }).trim().replace(/;$/, '')
    const kept = after.columns.filter((c) => !c.generated && before.columns.some((b) => b.name === c.name && !b.generated)).map((c) => ctx.q(c.name))
    const indexes = after.indexes.map((i) => engineFor('sqlite').ddl.createIndex(i, after, ctx))
    return [
      create,
      `INSERT INTO ${ctx.q(temp)} (${kept.join(', ')}) SELECT ${kept.join(', ')} FROM ${table(before, ctx)}`,
      `DROP TABLE ${table(before, ctx)}`,
      `ALTER TABLE ${ctx.q(temp)} RENAME TO ${ctx.q(after.name)}`,
      ...indexes
    ]
  }
}
