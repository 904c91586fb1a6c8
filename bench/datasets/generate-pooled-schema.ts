/**
 * Generates the pooled multi-database retrieval datasets: bench/datasets/pooled-blind.json and
 * bench/datasets/pooled-tuning.json. Ten small databases (shop, hr, lab = a hospital laboratory, logistics,
 * music, finance, hotel, school, restaurant, airline; pooled-core.txt) plus a docs schema of example tables, pooled into
 * one schema the way a user with many connections/schemas sees it, padded with the copies warehouses accumulate
 * (stg_* staging loads, *_archive yearly copies, *_legacy abbreviated imports, audit logs, *_rpt rollups): ~910 tables.
 * Hard on purpose: same-named tables across schemas (orders, customers, items, custaddr, coupons, reservations),
 * wide tables with abbreviated columns (lab.lab_panel_result T_GLU…, hr.emp_mstr, finance.gl_jrnl_ln), bridge tables
 * that 3–4-table joins need but questions never name, and questions that name values, not tables.
 *
 * Questions (hand-written before any ranking was run on this schema; `hint` = the question names the domain/database):
 * - pooled-blind-questions.json  — BLIND split, written first on 2026-11-27. Never tune on it; evaluate it once.
 * - pooled-tuning-questions.json — tuning split, written second on 2026-11-27, before any evaluation.
 * - pooled-blind2-questions.json — second BLIND split, 27 questions all with a domain hint, written on 2026-11-28 and
 *   committed before it was ever run, to measure the hint path on more than the first split's 10. Never tune on it.
 * Deterministic: `npx tsx bench/datasets/generate-pooled-schema.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { columnValues } from './pooled-values'

interface Column { name: string; type: string }
interface ForeignKey { columns: string[]; refTable: string; refColumns: string[] }
/** `values`: the distinct values of low-cardinality text columns, as a value index would sample them (pooled-values.ts). */
interface Table { name: string; comment?: string; columns: Column[]; foreignKeys: ForeignKey[]; values?: Record<string, string[]> }
interface Question { question: string; gold_tables: string[]; hint: boolean }

const here = dirname(fileURLToPath(import.meta.url))
const short = (name: string) => name.slice(name.indexOf('.') + 1)
const schemaOf = (name: string) => name.slice(0, name.indexOf('.'))

function typeOf(col: string): string {
  const c = col.toLowerCase()
  if (c.startsWith('t_') || /(amt|amount|price|rate|rt|cost|balance|sal|comm|budget|limit|value|fare|tip|principal|score|pct|_off)$/.test(c)) return 'numeric(12,2)'
  if (/(_id|_no|no|num|count|qty|seq|position|seats|floor|beds|credits|hours|stars|year|level|grade|_kg|_g|_m3|_ms|_km|pallets|size|uses|term_months|on_hand|reorder_point|capacity_pallets|party_size|number)$/.test(c)) return 'integer'
  if (/(_at|^etd|^eta|^atd|^ata|sched_dep|sched_arr)$/.test(c)) return 'timestamptz'
  if (/(_on|_dt|_date|^dob|hiredt|termdt|birth_date|birthday|valid_from|valid_to|period_start|period_end)$/.test(c)) return 'date'
  if (/^(is_|has_)|^(vip|passed|present|rejected|marketing_opt_in|ot_elig|rehire_elig|allergen|shipped)$/.test(c)) return 'boolean'
  if (/(cd|code|ccy|currency|iata|country)$/.test(c)) return 'varchar(20)'
  return 'varchar(200)'
}

function parseCore(): Table[] {
  const tables: Table[] = []
  for (const line of readFileSync(join(here, 'pooled-core.txt'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue
    const [name, comment, cols] = line.split('|').map((s) => s.trim())
    const t: Table = { name, comment: comment || undefined, columns: [], foreignKeys: [] }
    for (const spec of cols.split(',').map((s) => s.trim())) {
      const [col, ref] = spec.split('>')
      t.columns.push({ name: col, type: typeOf(col) })
      if (ref) t.foreignKeys.push({ columns: [col], refTable: ref.includes('.') ? ref : `${schemaOf(name)}.${ref}`, refColumns: [] })
    }
    tables.push(t)
  }
  for (const t of tables) t.values = valuesOf(t.name, t.columns)
  const pk = new Map(tables.map((t) => [t.name, t.columns[0].name]))
  for (const t of tables)
    for (const fk of t.foreignKeys) {
      const col = pk.get(fk.refTable)
      if (!col) throw new Error(`${t.name}: unknown table ${fk.refTable}`)
      fk.refColumns = [col]
    }
  return tables
}

function valuesOf(table: string, columns: Column[]): Record<string, string[]> | undefined {
  const entries = columns.flatMap((c) => {
    const values = columnValues(table, c.name)
    return values ? [[c.name, values] as const] : []
  })
  return entries.length ? Object.fromEntries(entries) : undefined
}

function abbreviate(word: string): string {
  if (word.length <= 4) return word
  return word[0] + word.slice(1).replace(/[aeiou]/g, '').slice(0, 4)
}

const isTransactional = (t: Table) => t.columns.some((c) => c.type === 'date' || c.type === 'timestamptz')

function generate(): Table[] {
  const core = parseCore()
  const out: Table[] = [...core]
  const copy = (t: Table) => t.columns.map((c) => ({ ...c }))
  const real = core.filter((t) => schemaOf(t.name) !== 'docs')
  const legacyNames = new Set<string>()
  for (const t of real) {
    const s = schemaOf(t.name)
    let legacy = `${s}_legacy.${short(t.name).split('_').map(abbreviate).join('_').toUpperCase()}`
    while (legacyNames.has(legacy)) legacy += '2'
    legacyNames.add(legacy)
    out.push({ name: `stg_${s}.${short(t.name)}`, comment: 'Raw nightly load, not validated', columns: [...copy(t), { name: 'load_batch_id', type: 'integer' }, { name: 'loaded_at', type: 'timestamptz' }], foreignKeys: [], values: t.values })
    out.push({
      name: `audit.${s}_${short(t.name)}_log`,
      comment: `Change log written by triggers`,
      columns: [{ name: 'log_id', type: 'bigint' }, { name: 'row_key', type: 'varchar(100)' }, { name: 'op', type: 'char(1)' }, { name: 'changed_at', type: 'timestamptz' }, { name: 'changed_by', type: 'varchar(100)' }, { name: 'old_row', type: 'jsonb' }, { name: 'new_row', type: 'jsonb' }],
      foreignKeys: []
    })
    out.push({
      name: legacy,
      comment: 'Imported from the previous system (read only)',
      columns: t.columns.map((c) => ({ name: c.name.split('_').map(abbreviate).join('_').toUpperCase(), type: c.type })),
      foreignKeys: []
    })
  }
  for (const t of real.filter(isTransactional)) {
    const s = schemaOf(t.name)
    for (const year of [2020, 2021, 2022, 2023]) out.push({ name: `${s}_archive.${short(t.name)}_${year}`, comment: `Rows of ${year}`, columns: copy(t), foreignKeys: [], values: t.values })
    const measures = t.columns.filter((c) => c.type.startsWith('numeric')).map((c) => ({ name: `sum_${c.name}`, type: c.type }))
    for (const grain of ['daily', 'monthly'])
      out.push({ name: `${s}_rpt.${short(t.name)}_${grain}`, comment: `${grain[0].toUpperCase()}${grain.slice(1)} rollup for dashboards`, columns: [{ name: grain === 'daily' ? 'day' : 'month', type: 'date' }, { name: 'row_count', type: 'integer' }, ...measures], foreignKeys: [] })
  }
  const names = new Set<string>()
  for (const t of out) {
    if (names.has(t.name)) throw new Error(`duplicate table ${t.name}`)
    names.add(t.name)
  }
  return out
}

function questions(file: string, names: Set<string>): Question[] {
  const qs = JSON.parse(readFileSync(join(here, file), 'utf8')) as Question[]
  for (const q of qs) for (const g of q.gold_tables) if (!names.has(g)) throw new Error(`${file}: "${q.question}" names unknown table ${g}`)
  return qs
}

const tables = generate()
const names = new Set(tables.map((t) => t.name))
for (const [split, file] of [['blind', 'pooled-blind-questions.json'], ['blind2', 'pooled-blind2-questions.json'], ['tuning', 'pooled-tuning-questions.json']] as const) {
  const qs = questions(file, names)
  writeFileSync(join(here, `pooled-${split}.json`), JSON.stringify({ tables, questions: qs }))
  console.log(`pooled-${split}.json: ${tables.length} tables, ${qs.length} questions (${qs.filter((q) => q.hint).length} with a domain hint)`)
}
