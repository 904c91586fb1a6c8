import type { SchemaModel, SchemaObjectRef, SequenceModel, TableModel } from '../../../../shared/schema-model'
import { stringLiteral } from '../../../../shared/sql-identifiers'
import { columnList, type DdlContext, type DialectDdl, indexKey } from '../../schema/ddl/common'

/** Options printed by name; the rest of `TableModel.options` are CREATE_OPTIONS printed as `NAME=value`. */
const NAMED_OPTIONS = new Set(['engine', 'charset', 'collation'])

/**
 * A compound body (`BEGIN …; …; END`) runs through a statement splitter only inside DELIMITER, as the mysql client
 * and the app's runner (dbgate-query-splitter) expect: `DELIMITER $$`, the statement ending in `$$`, `DELIMITER ;`.
 */
export function withDelimiter(statement: string): string {
  const body = statement.trim().replace(/;\s*$/, '')
  const delimiter = ['$$', '//', ';;', '$$$'].find((d) => !body.includes(d)) ?? '$$$$'
  return `DELIMITER ${delimiter}\n${body}${delimiter}\nDELIMITER ;`
}

function tableOptionsClause(table: TableModel): string {
  const o = table.options ?? {}
  const parts: string[] = []
  if (o.engine) parts.push(`ENGINE=${o.engine}`)
  if (o.charset) parts.push(`DEFAULT CHARSET=${o.charset}`)
  if (o.collation) parts.push(`COLLATE=${o.collation}`)
  for (const [key, value] of Object.entries(o)) {
    if (!NAMED_OPTIONS.has(key)) parts.push(`${key.toUpperCase()}=${value}`)
  }
  if (table.comment) parts.push(`COMMENT=${stringLiteral('mysql', table.comment)}`)
  return parts.length ? ` ${parts.join(' ')}` : ''
}

/** `PARTITION BY RANGE (year(placed_at)) (PARTITION p2024 VALUES LESS THAN (2025), …)`, every partition named. */
function partitionClause(table: TableModel, ctx: DdlContext): string {
  const p = table.partitioning
  if (!p) return ''
  let clause = `\nPARTITION BY ${p.strategy} (${p.key})`
  if (p.subpartitionBy) clause += `\nSUBPARTITION BY ${p.subpartitionBy}${p.subpartitions ? ` SUBPARTITIONS ${p.subpartitions}` : ''}`
  if (!p.partitions.length) return clause
  const parts = p.partitions.map((name) => {
    const bound = p.bounds?.[name]
    return `PARTITION ${ctx.q(name)}${bound ? ` ${bound}` : ''}`
  })
  return `${clause}\n(${parts.join(',\n ')})`
}

function sequenceDdl(seq: SequenceModel, ctx: DdlContext): string {
  let def = `CREATE SEQUENCE ${ctx.tableName(seq.schema, seq.name)}`
  if (seq.start !== undefined) def += ` START WITH ${seq.start}`
  if (seq.min !== undefined) def += ` MINVALUE ${seq.min}`
  if (seq.max !== undefined) def += ` MAXVALUE ${seq.max}`
  if (seq.increment !== undefined) def += ` INCREMENT BY ${seq.increment}`
  if (seq.cache !== undefined) def += seq.cache === '0' ? ' NOCACHE' : ` CACHE ${seq.cache}`
  if (seq.cycle !== undefined) def += seq.cycle ? ' CYCLE' : ' NOCYCLE'
  return `${def};`
}

/** Replaces the unqualified name right after `head` (`CREATE FUNCTION `, `CREATE TRIGGER `) with the qualified one. */
function qualifyAfter(definition: string, head: string, name: string, qualified: string, ctx: DdlContext): string {
  const plain = `${head}${ctx.q(name)}`
  return definition.startsWith(plain) ? `${head}${qualified}${definition.slice(plain.length)}` : definition
}

function objectDdl(ref: SchemaObjectRef, model: SchemaModel, ctx: DdlContext): string | null {
  switch (ref.kind) {
    case 'routine': {
      const candidates = model.routines.filter((r) => r.schema === ref.schema && r.name === ref.name)
      const routine = candidates.find((r) => !ref.signature || r.signature === ref.signature) ?? candidates[0]
      if (!routine?.definition) return null
      const head = `CREATE ${routine.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} `
      return withDelimiter(qualifyAfter(routine.definition, head, routine.name, ctx.tableName(routine.schema, routine.name), ctx))
    }
    case 'trigger': {
      const tables = model.tables.filter((t) => t.schema === ref.schema && (!ref.table || t.name === ref.table))
      for (const table of tables) {
        const trigger = table.triggers.find((t) => t.name === ref.name)
        if (!trigger?.definition) continue
        // A trigger lives in its table's database: qualifying the trigger name is enough (and ON then names the table there).
        return withDelimiter(qualifyAfter(trigger.definition, 'CREATE TRIGGER ', trigger.name, ctx.tableName(table.schema, trigger.name), ctx))
      }
      return null
    }
    case 'sequence': {
      const seq = model.sequences.find((s) => s.schema === ref.schema && s.name === ref.name)
      return seq ? sequenceDdl(seq, ctx) : null
    }
    default:
      return null
  }
}

export const mysqlDdl: DialectDdl = {
  dialect: 'mysql',

  columnDefinition(col, _table, ctx) {
    let def = `${ctx.q(col.name)} ${col.type}`
    // COLLATE alone also sets the column's character set (the one the collation belongs to).
    if (col.collation) def += ` COLLATE ${col.collation}`
    if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) ${col.generatedKind === 'stored' ? 'STORED' : 'VIRTUAL'}`
    if (!col.generated) def += col.nullable ? ' NULL' : ' NOT NULL'
    if (col.default && !col.generated) def += ` DEFAULT ${col.default}`
    if (col.onUpdate) def += ` ON UPDATE ${col.onUpdate}`
    if (col.identity) def += ' AUTO_INCREMENT'
    if (col.comment) def += ` COMMENT ${stringLiteral('mysql', col.comment)}`
    return def
  },

  primaryKey(table, ctx) {
    return table.primaryKey?.columns.length ? `PRIMARY KEY (${columnList(table.primaryKey.columns, ctx)})` : null
  },

  tableSuffix(table, ctx) {
    return tableOptionsClause(table) + partitionClause(table, ctx)
  },

  createIndex(index, table, ctx) {
    const kind = index.method === 'FULLTEXT' || index.method === 'SPATIAL' ? `${index.method} ` : index.unique ? 'UNIQUE ' : ''
    const using = index.method === 'HASH' ? ' USING HASH' : ''
    return `CREATE ${kind}INDEX ${ctx.q(index.name)}${using} ON ${ctx.tableName(table.schema, table.name)} (${index.columns.map((c) => indexKey(c, table, ctx)).join(', ')})`
  },

  inlineIndex(index, table, ctx) {
    const kind = index.method === 'FULLTEXT' || index.method === 'SPATIAL' ? `${index.method} ` : index.unique ? 'UNIQUE ' : ''
    const using = index.method === 'HASH' ? ' USING HASH' : ''
    return `${kind}KEY ${ctx.q(index.name)} (${index.columns.map((c) => indexKey(c, table, ctx)).join(', ')})${using}`
  },

  view(table, ctx) {
    let body = (table.definition ?? '').trim()
    // MySQL stores view bodies with every table qualified by its database; unqualified DDL drops that prefix.
    if (!ctx.options.qualify) body = body.split(`\`${table.schema.replace(/`/g, '``')}\`.`).join('')
    return [`CREATE VIEW ${ctx.tableName(table.schema, table.name)} AS ${body}`]
  },

  // Trigger bodies may be compound (BEGIN … END with `;` inside): always wrapped in DELIMITER, as mysqldump does.
  trigger: (definition) => withDelimiter(definition),

  object: objectDdl
}
