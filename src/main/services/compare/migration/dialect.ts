import type {
  ColumnModel,
  ConstraintModel,
  DomainModel,
  EnumModel,
  ForeignKeyModel,
  IndexModel,
  RoutineModel,
  SequenceModel,
  TableModel,
  TriggerModel
} from '../../../../shared/schema-model'
import type { DdlContext } from '../../schema/ddl/common'

/**
 * What one engine does to change a schema in place. A method that returns null cannot do that change by ALTER: the
 * planner then rebuilds the table (`rebuildTable`) or says it cannot.
 */
export interface MigrationDialect {
  /** DDL is transactional: the whole script runs between `begin` and `commit`. */
  transactional: boolean
  begin: string[]
  commit: string[]
  dropView(view: TableModel, ctx: DdlContext): string
  dropTable(table: TableModel, ctx: DdlContext): string
  dropTrigger(table: TableModel, trigger: TriggerModel, ctx: DdlContext): string
  dropRoutine(routine: RoutineModel, ctx: DdlContext): string
  /** A changed routine's new definition replaces the old in place (CREATE OR REPLACE): no drop first. */
  replacesRoutines: boolean
  dropSequence(sequence: SequenceModel, ctx: DdlContext): string
  dropEnum?(e: EnumModel, ctx: DdlContext): string
  dropDomain?(d: DomainModel, ctx: DdlContext): string
  alterSequence?(before: SequenceModel, after: SequenceModel, ctx: DdlContext): string[] | null
  alterEnum?(before: EnumModel, after: EnumModel, ctx: DdlContext): string[] | null
  alterDomain?(before: DomainModel, after: DomainModel, ctx: DdlContext): string[] | null

  addColumn(table: TableModel, column: ColumnModel, ctx: DdlContext): string | null
  dropColumn(table: TableModel, column: ColumnModel, ctx: DdlContext): string | null
  alterColumn(table: TableModel, before: ColumnModel, after: ColumnModel, ctx: DdlContext): string[] | null
  dropPrimaryKey(table: TableModel, ctx: DdlContext): string | null
  addPrimaryKey(table: TableModel, ctx: DdlContext): string | null
  dropConstraint(table: TableModel, constraint: ConstraintModel, ctx: DdlContext): string | null
  addConstraint(table: TableModel, constraint: ConstraintModel, ctx: DdlContext): string | null
  dropIndex(table: TableModel, index: IndexModel, ctx: DdlContext): string
  dropForeignKey(table: TableModel, fk: ForeignKeyModel, ctx: DdlContext): string | null
  addForeignKey(table: TableModel, fk: ForeignKeyModel, ctx: DdlContext): string | null
  /** Table comment changes; null when the engine has none. */
  setTableComment?(table: TableModel, ctx: DdlContext): string | null
  /** Created tables carry their foreign keys inline (the engine cannot add them later). */
  inlineForeignKeys: boolean
  /** A table another table's foreign key references cannot be altered or rebuilt (DuckDB): the planner says so. */
  referencedTablesFixed?: boolean
  /** Replaces a table by a new one with the same name and the rows of the columns both have (SQLite's 12 steps). */
  rebuildTable?(before: TableModel, after: TableModel, ctx: DdlContext): string[]
}
