import { stringLiteral } from '../../../../shared/sql-identifiers'
import type { ColumnModel, ConstraintModel, TableModel } from '../../../../shared/schema-model'
import { engineFor } from '../../engines'
import { columnList, foreignKeyClause, type DdlContext } from '../../schema/ddl/common'
import type { MigrationDialect } from './dialect'

const table = (t: TableModel, ctx: DdlContext): string => ctx.tableName(t.schema, t.name)
const alter = (t: TableModel, ctx: DdlContext, action: string): string => `ALTER TABLE ${table(t, ctx)} ${action}`
const deferral = (c: { deferrable?: boolean; initiallyDeferred?: boolean }): string => (c.deferrable ? ` DEFERRABLE${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}` : '')
const columnDdl = (c: ColumnModel, t: TableModel, ctx: DdlContext): string => engineFor('postgres').ddl.columnDefinition(c, t, ctx)

function constraintBody(c: ConstraintModel, ctx: DdlContext): string {
  if (c.kind === 'unique') return `UNIQUE (${columnList(c.columns ?? [], ctx)})${deferral(c)}`
  if (c.kind === 'check') return `CHECK (${c.expression})`
  return c.expression ?? ''
}

/** PostgreSQL: transactional DDL, ALTER for every column property, CREATE OR REPLACE for routines. */
export const postgresMigration: MigrationDialect = {
  transactional: true,
  begin: ['BEGIN TRANSACTION'],
  commit: ['COMMIT'],
  inlineForeignKeys: false,
  replacesRoutines: true,
  dropView: (v, ctx) => `DROP ${v.kind === 'materialized_view' ? 'MATERIALIZED ' : ''}VIEW ${table(v, ctx)}`,
  dropTable: (t, ctx) => `DROP TABLE ${table(t, ctx)}`,
  dropTrigger: (t, trigger, ctx) => `DROP TRIGGER ${ctx.q(trigger.name)} ON ${table(t, ctx)}`,
  dropRoutine: (r, ctx) => `DROP ${r.kind === 'procedure' ? 'PROCEDURE' : r.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION'} ${ctx.tableName(r.schema, r.name)}${r.signature.slice(r.name.length) || '()'}`,
  dropSequence: (s, ctx) => `DROP SEQUENCE ${ctx.tableName(s.schema, s.name)}`,
  dropEnum: (e, ctx) => `DROP TYPE ${ctx.tableName(e.schema, e.name)}`,
  dropDomain: (d, ctx) => `DROP DOMAIN ${ctx.tableName(d.schema, d.name)}`,

  alterSequence(a, b, ctx) {
    const opts: string[] = []
    if (a.dataType !== b.dataType && b.dataType) opts.push(`AS ${b.dataType}`)
    if (a.increment !== b.increment && b.increment) opts.push(`INCREMENT BY ${b.increment}`)
    if (a.min !== b.min) opts.push(b.min ? `MINVALUE ${b.min}` : 'NO MINVALUE')
    if (a.max !== b.max) opts.push(b.max ? `MAXVALUE ${b.max}` : 'NO MAXVALUE')
    if (a.start !== b.start && b.start) opts.push(`START WITH ${b.start}`)
    if (a.cache !== b.cache && b.cache) opts.push(`CACHE ${b.cache}`)
    if (a.cycle !== b.cycle && b.cycle !== undefined) opts.push(b.cycle ? 'CYCLE' : 'NO CYCLE')
    if (a.ownedBy !== b.ownedBy) return null
    return opts.length ? [`ALTER SEQUENCE ${ctx.tableName(b.schema, b.name)} ${opts.join(' ')}`] : []
  },

  // Values can be added (in place, keeping order); removing or reordering needs a new type and is refused.
  alterEnum(a, b, ctx) {
    let i = 0
    for (const v of b.values) if (v === a.values[i]) i++
    if (i !== a.values.length) return null
    const out: string[] = []
    const name = ctx.tableName(b.schema, b.name)
    b.values.forEach((v, k) => {
      if (a.values.includes(v)) return
      const next = b.values.slice(k + 1).find((x) => a.values.includes(x))
      out.push(`ALTER TYPE ${name} ADD VALUE ${stringLiteral('postgres', v)}${next === undefined ? '' : ` BEFORE ${stringLiteral('postgres', next)}`}`)
    })
    return out
  },

  alterDomain(a, b, ctx) {
    if (a.baseType !== b.baseType || (a.collation ?? null) !== (b.collation ?? null)) return null
    const name = `ALTER DOMAIN ${ctx.tableName(b.schema, b.name)}`
    const out: string[] = []
    if ((a.default ?? null) !== (b.default ?? null)) out.push(b.default ? `${name} SET DEFAULT ${b.default}` : `${name} DROP DEFAULT`)
    if ((a.nullable ?? true) !== (b.nullable ?? true)) out.push(`${name} ${b.nullable === false ? 'SET' : 'DROP'} NOT NULL`)
    const checks = (d: typeof a) => d.checks ?? (d.check ? [{ name: `${d.name}_check`, expression: d.check }] : [])
    const before = checks(a)
    const after = checks(b)
    for (const c of before) if (!after.some((x) => x.name === c.name && x.expression === c.expression)) out.push(`${name} DROP CONSTRAINT ${ctx.q(c.name)}`)
    for (const c of after) if (!before.some((x) => x.name === c.name && x.expression === c.expression)) out.push(`${name} ADD CONSTRAINT ${ctx.q(c.name)} CHECK (${c.expression})`)
    return out
  },

  addColumn: (t, c, ctx) => alter(t, ctx, `ADD COLUMN ${columnDdl(c, t, ctx)}`),
  dropColumn: (t, c, ctx) => alter(t, ctx, `DROP COLUMN ${ctx.q(c.name)}`),

  alterColumn(t, a, b, ctx) {
    // identity and generation change what the column is: the planner drops and adds it instead
    if (!!a.identity !== !!b.identity || a.identityGeneration !== b.identityGeneration || (a.generated ?? null) !== (b.generated ?? null)) return null
    const col = `ALTER COLUMN ${ctx.q(b.name)}`
    const out: string[] = []
    const typeChanged = a.type !== b.type || (a.collation ?? null) !== (b.collation ?? null)
    const defaultChanged = (a.default ?? null) !== (b.default ?? null)
    // an old default may not convert to the new type: it goes first and the new one comes after
    if (typeChanged && a.default) out.push(alter(t, ctx, `${col} DROP DEFAULT`))
    if (typeChanged) {
      const coll = b.collation ? ` COLLATE ${b.collation.split('.').map((p) => ctx.q(p)).join('.')}` : ''
      out.push(alter(t, ctx, `${col} TYPE ${b.type}${coll} USING ${ctx.q(b.name)}::${b.type}`))
    }
    if (defaultChanged || (typeChanged && a.default)) out.push(alter(t, ctx, b.default ? `${col} SET DEFAULT ${b.default}` : `${col} DROP DEFAULT`))
    if (a.nullable !== b.nullable) out.push(alter(t, ctx, `${col} ${b.nullable ? 'DROP' : 'SET'} NOT NULL`))
    if ((a.comment ?? null) !== (b.comment ?? null))
      out.push(`COMMENT ON COLUMN ${table(t, ctx)}.${ctx.q(b.name)} IS ${b.comment ? stringLiteral('postgres', b.comment) : 'NULL'}`)
    return out
  },

  dropPrimaryKey: (t, ctx) => alter(t, ctx, `DROP CONSTRAINT ${ctx.q(t.primaryKey?.name ?? `${t.name}_pkey`)}`),
  addPrimaryKey: (t, ctx) => alter(t, ctx, `ADD ${t.primaryKey?.name ? `CONSTRAINT ${ctx.q(t.primaryKey.name)} ` : ''}PRIMARY KEY (${columnList(t.primaryKey?.columns ?? [], ctx)})`),
  dropConstraint: (t, c, ctx) => alter(t, ctx, `DROP CONSTRAINT ${ctx.q(c.name)}`),
  addConstraint: (t, c, ctx) => alter(t, ctx, `ADD CONSTRAINT ${ctx.q(c.name)} ${constraintBody(c, ctx)}`),
  dropIndex: (t, i, ctx) => `DROP INDEX ${ctx.tableName(t.schema, i.name)}`,
  dropForeignKey: (t, fk, ctx) => alter(t, ctx, `DROP CONSTRAINT ${ctx.q(fk.name)}`),
  addForeignKey: (t, fk, ctx) => alter(t, ctx, `ADD ${foreignKeyClause(fk, ctx, t, 'postgres')}${deferral(fk)}`),
  setTableComment: (t, ctx) => `COMMENT ON ${t.kind === 'table' ? 'TABLE' : 'VIEW'} ${table(t, ctx)} IS ${t.comment ? stringLiteral('postgres', t.comment) : 'NULL'}`
}
