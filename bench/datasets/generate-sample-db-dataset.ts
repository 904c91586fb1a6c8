/**
 * Writes bench/datasets/sample-db.json from the app's sample database (resources/sample.db, "Northwind
 * Outfitters"; `npm run sample-db` creates it): tables read with PRAGMA table_info / foreign_key_list, plus
 * hand-written questions. Run: npx tsx bench/datasets/generate-sample-db-dataset.ts
 */
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const db = new Database(resolve(here, '../../resources/sample.db'), { readonly: true })
const names = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name)
const tables = names.map((name) => {
  const cols = db.prepare(`select name, type from pragma_table_info(?) order by cid`).all(name) as { name: string; type: string }[]
  const fks = db.prepare(`select id, "table" as ref, "from" as col, "to" as refcol from pragma_foreign_key_list(?) order by id, seq`).all(name) as { id: number; ref: string; col: string; refcol: string }[]
  const grouped = new Map<number, { columns: string[]; refTable: string; refColumns: string[] }>()
  for (const f of fks) {
    const g = grouped.get(f.id) ?? { columns: [], refTable: f.ref, refColumns: [] }
    g.columns.push(f.col)
    g.refColumns.push(f.refcol)
    grouped.set(f.id, g)
  }
  return { name, columns: cols.map((c) => ({ name: c.name, type: c.type.toLowerCase() })), foreignKeys: [...grouped.values()] }
})
db.close()

const questions: [string, string[]][] = [
  ['Which customers spent the most last year?', ['customers', 'orders']],
  ['Best-selling products by units sold', ['products', 'order_items']],
  ['Revenue per store and month', ['orders', 'stores']],
  ['Which items are below their reorder level at each store?', ['inventory', 'products', 'stores']],
  ['Who manages whom at the Denver store?', ['employees', 'stores']],
  ['Average delivery time per carrier', ['shipments']],
  ['Orders that were paid by gift card', ['payments', 'orders']],
  ['Most common reasons for returning products', ['returns']],
  ['Return rate per product category', ['returns', 'order_items', 'products', 'categories']],
  ['Gross margin per supplier', ['products', 'suppliers', 'order_items']],
  ['How many platinum loyalty members live in California?', ['customers', 'addresses']],
  ['Orders that shipped but were never delivered', ['shipments', 'orders']],
  ['Sales per employee this quarter', ['orders', 'employees']],
  ['Subcategories of the outdoor category and their product counts', ['categories', 'products']],
  ['Unpaid orders older than 30 days', ['orders', 'payments']],
  ['Average discount given per order line by product', ['order_items', 'products']],
  ['Customers with no shipping address on file', ['customers', 'addresses']],
  ['Highest paid staff member at each location', ['employees', 'stores']]
]
writeFileSync(join(here, 'sample-db.json'), JSON.stringify({ tables, questions: questions.map(([question, gold_tables]) => ({ question, gold_tables })) }, null, 1))
console.log(`wrote ${tables.length} tables and ${questions.length} questions`)
