import { stringLiteral } from '../../../../shared/sql-identifiers'
import type { ColumnModel, TableModel } from '../../../../shared/schema-model'
import { engineFor } from '../../engines'
import { columnList, foreignKeyClause, type DdlContext } from '../../schema/ddl/common'
import type { MigrationDialect } from './dialect'

const table = (t: TableModel, ctx: DdlContext): string => ctx.tableName(t.schema, t.name)
const alter = (t: TableModel, ctx: DdlContext, action: string): string => `ALTER TABLE ${table(t, ctx)} ${action}`
const columnDdl = (c: ColumnModel, t: TableModel, ctx: DdlContext): string => engineFor('mysql').ddl.columnDefinition(c, t, ctx)

/**
 * MariaDB/MySQL: DDL commits implicitly, so the script runs statement by statement; a column changes by MODIFY with
 * its whole new definition.
 */
export const mysqlMigration: MigrationDialect = {
  transactional: false,
  begin: [],
  commit: [],
  inlineForeignKeys: false,
  replacesRoutines: false,
  dropView: (v, ctx) => `DROP VIEW ${table(v, ctx)}`,
  dropTable: (t, ctx) => `DROP TABLE ${table(t, ctx)}`,
  dropTrigger: (t, trigger, ctx) => `DROP TRIGGER ${ctx.tableName(t.schema, trigger.name)}`,
  dropRoutine: (r, ctx) => `DROP ${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${ctx.tableName(r.schema, r.name)}`,
  dropSequence: (s, ctx) => `DROP SEQUENCE ${ctx.tableName(s.schema, s.name)}`,
  addColumn: (t, c, ctx) => alter(t, ctx, `ADD COLUMN ${columnDdl(c, t, ctx)}`),
  dropColumn: (t, c, ctx) => alter(t, ctx, `DROP COLUMN ${ctx.q(c.name)}`),
  alterColumn: (t, _a, b, ctx) => [alter(t, ctx, `MODIFY COLUMN ${columnDdl(b, t, ctx)}`)],
  dropPrimaryKey: (t, ctx) => alter(t, ctx, 'DROP PRIMARY KEY'),
  addPrimaryKey: (t, ctx) => alter(t, ctx, `ADD PRIMARY KEY (${columnList(t.primaryKey?.columns ?? [], ctx)})`),
  dropConstraint: (t, c, ctx) => alter(t, ctx, c.kind === 'unique' ? `DROP INDEX ${ctx.q(c.name)}` : `DROP CONSTRAINT ${ctx.q(c.name)}`),
  addConstraint: (t, c, ctx) =>
    c.kind === 'exclusion' ? null : alter(t, ctx, `ADD CONSTRAINT ${ctx.q(c.name)} ${c.kind === 'unique' ? `UNIQUE (${columnList(c.columns ?? [], ctx)})` : `CHECK (${c.expression})`}`),
  dropIndex: (t, i, ctx) => `DROP INDEX ${ctx.q(i.name)} ON ${table(t, ctx)}`,
  dropForeignKey: (t, fk, ctx) => alter(t, ctx, `DROP FOREIGN KEY ${ctx.q(fk.name)}`),
  addForeignKey: (t, fk, ctx) => alter(t, ctx, `ADD ${foreignKeyClause(fk, ctx, t, 'mysql')}`),
  setTableComment: (t, ctx) => alter(t, ctx, `COMMENT = ${stringLiteral('mysql', t.comment ?? '')}`)
}
