import type { Cell } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import { qualifiedName, type SchemaModel, type TableModel } from '../../../shared/schema-model'
import { qualifiedIdentifier, quoteIfNeeded } from '../../../shared/sql-identifiers'
import { CollectingSink } from '../drivers/collect-sink'
import type { DriverSession } from '../drivers/types'
import { refKey } from './order'
import { findTable, sequenceColumn, type Pool } from './plan'

/** Parent rows read from a table that is not being filled: at most this many (children pick among them). */
export const EXISTING_PARENT_ROWS = 10_000

const text = (v: Cell): string | null => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))

/** One SELECT that the analyser reads as exactly one read, run on the session; its rows. */
async function read(session: DriverSession, sql: string): Promise<Cell[][]> {
  const analysis = await session.analyse(sql)
  if (analysis.statements.length !== 1 || analysis.statements[0]!.kind !== 'read') throw new AppError('INTERNAL', `Reading existing rows was refused by the statement analyser: ${sql}`)
  const sink = new CollectingSink()
  await session.execute(analysis, sink)
  return sink.results[0]?.rows ?? []
}

function sqlName(session: DriverSession, model: SchemaModel, t: { schema: string; name: string }): string {
  return qualifiedIdentifier(session.facts.dialect, t.name, t.schema && t.schema !== model.defaultSchema ? t.schema : null)
}

/** What the database already holds that the plan builds on: each chosen table's largest key, and rows of parents not chosen. */
export async function readExisting(session: DriverSession, model: SchemaModel, chosen: TableModel[]): Promise<{ maxKeys: Map<string, bigint>; external: Map<string, Pool> }> {
  const maxKeys = new Map<string, bigint>()
  const dialect = session.facts.dialect
  for (const t of chosen) {
    const c = sequenceColumn(t)
    if (!c) continue
    const [row] = await read(session, `SELECT MAX(${quoteIfNeeded(dialect, c.name)}) FROM ${sqlName(session, model, t)}`)
    const v = row?.[0]
    if (v !== null && v !== undefined && /^-?\d+$/.test(String(v))) maxKeys.set(qualifiedName(t), BigInt(String(v)))
  }
  const chosenKeys = new Set(chosen.map(qualifiedName))
  const wanted = new Map<string, Set<string>>()
  for (const t of chosen) {
    for (const fk of t.foreignKeys) {
      if (chosenKeys.has(refKey(fk))) continue
      const set = wanted.get(refKey(fk)) ?? new Set<string>()
      fk.refColumns.forEach((c) => set.add(c))
      wanted.set(refKey(fk), set)
    }
  }
  const external = new Map<string, Pool>()
  const top = session.facts.limitSyntax === 'top'
  for (const [key, cols] of wanted) {
    const [schema, name] = key.includes('.') ? [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)] : ['', key]
    const parent = findTable(model, { schema: schema || undefined, name })
    if (!parent) continue
    const columns = [...cols]
    const list = columns.map((c) => quoteIfNeeded(dialect, c)).join(', ')
    // ordered, so that the same rows give the same picks
    const sql = top
      ? `SELECT TOP ${EXISTING_PARENT_ROWS} ${list} FROM ${sqlName(session, model, parent)} ORDER BY ${list}`
      : `SELECT ${list} FROM ${sqlName(session, model, parent)} ORDER BY ${list} LIMIT ${EXISTING_PARENT_ROWS}`
    const rows = await read(session, sql)
    external.set(key, { columns, tuples: rows.map((r) => r.map(text)) })
  }
  return { maxKeys, external }
}
