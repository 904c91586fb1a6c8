/**
 * Generates bench/datasets/enterprise-1000.json: ~130 core business tables (enterprise-core.txt) plus the
 * copies a real warehouse accumulates (audit trails, yearly archives, staging loads, reporting rollups,
 * integration sync tables, legacy abbreviations, backups), 1,000+ tables in all, with the hand-written
 * questions of enterprise-questions.json (and the held-out enterprise-holdout-questions.json). Deterministic: `npx tsx bench/datasets/generate-enterprise-schema.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Column { name: string; type: string; comment?: string }
interface Table { name: string; comment?: string; columns: Column[]; foreignKeys: { columns: string[]; refTable: string; refColumns: string[] }[] }

const here = dirname(fileURLToPath(import.meta.url))

function typeOf(col: string): string {
  if (/(_id|^id)$/.test(col) || /_by$|^assigned_to$|^(from|to)_currency$/.test(col)) return col.endsWith('currency') ? 'char(3)' : 'integer'
  if (col.endsWith('_at')) return 'timestamptz'
  if (/(_on|_date|^valid_from|^valid_to|_from|_start|_end|_month)$/.test(col)) return 'date'
  if (/(amount|price|cost|total|salary|limit|value|revenue|debit|credit|rate|percent|spend)/.test(col)) return 'numeric(12,2)'
  if (/(qty|quantity|count|hours|minutes|days|seconds|score|stars|views|seats|desks|year|order|clicks|impressions|_kg|_km|_m3|probability|grade|version)/.test(col)) return 'integer'
  if (/^(is_|has_)|^(billable|converted|passed|succeeded|auto_renew)$/.test(col)) return 'boolean'
  if (col.endsWith('code')) return 'varchar(20)'
  if (/(body|text|notes|summary|description|comment|old_values|new_values)/.test(col)) return 'text'
  return 'varchar(200)'
}

function parseCore(): Table[] {
  const tables: Table[] = []
  for (const line of readFileSync(join(here, 'enterprise-core.txt'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue
    const [name, comment, cols] = line.split('|').map((s) => s.trim())
    const t: Table = { name, comment, columns: [], foreignKeys: [] }
    for (const spec of cols.split(',').map((s) => s.trim())) {
      const [col, ref] = spec.split('>')
      t.columns.push({ name: col, type: typeOf(col) })
      if (ref) t.foreignKeys.push({ columns: [col], refTable: ref, refColumns: [col.endsWith('currency') || col === 'currency_code' ? 'currency_code' : pkOfRef(ref, col)] })
    }
    if (!t.columns.some((c) => c.name === 'created_at')) t.columns.push({ name: 'created_at', type: 'timestamptz' })
    t.columns.push({ name: 'updated_at', type: 'timestamptz' })
    tables.push(t)
  }
  // Resolve referenced primary keys now that every table is known.
  const pk = new Map(tables.map((t) => [t.name, t.columns[0].name]))
  for (const t of tables) for (const fk of t.foreignKeys) fk.refColumns = [pk.get(fk.refTable) ?? fk.refColumns[0]]
  return tables
}

function pkOfRef(_ref: string, col: string): string {
  return col
}

const short = (name: string) => name.slice(name.indexOf('.') + 1)
const schemaOf = (name: string) => name.slice(0, name.indexOf('.'))
const isTransactional = (t: Table) => t.columns.some((c) => /_(at|on|date)$/.test(c.name) && !['created_at', 'updated_at'].includes(c.name))

function abbreviate(word: string): string {
  if (word.length <= 4) return word
  return word[0] + word.slice(1).replace(/[aeiou]/g, '').slice(0, 4)
}

function generate(): Table[] {
  const core = parseCore()
  const out: Table[] = [...core]
  const copyCols = (t: Table) => t.columns.map((c) => ({ ...c }))
  for (const t of core) {
    out.push({
      name: `audit.${schemaOf(t.name)}_${short(t.name)}_changes`,
      comment: `Change log of ${t.name} written by triggers`,
      columns: [
        { name: 'change_id', type: 'bigint' }, { name: 'record_id', type: 'integer' }, { name: 'operation', type: 'char(1)' },
        { name: 'changed_at', type: 'timestamptz' }, { name: 'changed_by', type: 'varchar(100)' }, { name: 'old_values', type: 'jsonb' }, { name: 'new_values', type: 'jsonb' }
      ],
      foreignKeys: []
    })
    out.push({
      name: `staging.stg_${schemaOf(t.name)}_${short(t.name)}`,
      comment: `Nightly load of ${short(t.name).replace(/_/g, ' ')} before validation`,
      columns: [...copyCols(t), { name: 'load_batch_id', type: 'integer' }, { name: 'loaded_at', type: 'timestamptz' }, { name: 'load_error', type: 'text' }],
      foreignKeys: []
    })
    out.push({
      name: `legacy.${t.name.split(/[._]/).map(abbreviate).join('_')}`,
      comment: 'Imported from the old ERP (read only)',
      columns: t.columns.map((c) => ({ name: c.name.split('_').map(abbreviate).join('_').toUpperCase(), type: c.type })),
      foreignKeys: []
    })
  }
  for (const t of core.filter(isTransactional)) {
    for (const year of [2020, 2021, 2022, 2023]) {
      out.push({ name: `archive.${short(t.name)}_${year}`, comment: `${short(t.name).replace(/_/g, ' ')} of ${year}, moved out of the live table`, columns: copyCols(t), foreignKeys: [] })
    }
    for (const grain of ['daily', 'monthly']) {
      const measures = t.columns.filter((c) => c.type.startsWith('numeric') || (c.type === 'integer' && !c.name.endsWith('_id'))).map((c) => ({ name: `sum_${c.name}`, type: c.type }))
      out.push({
        name: `reporting.rpt_${short(t.name)}_${grain}`,
        comment: `${grain} rollup of ${short(t.name).replace(/_/g, ' ')} for dashboards`,
        columns: [{ name: grain === 'daily' ? 'day' : 'month', type: 'date' }, { name: 'row_count', type: 'integer' }, ...measures],
        foreignKeys: []
      })
    }
  }
  const systems: Record<string, string[]> = {
    salesforce: ['accounts', 'contacts', 'opportunities', 'leads', 'campaigns', 'users', 'tasks', 'events'],
    shopify: ['orders', 'customers', 'products', 'refunds', 'fulfillments', 'discounts', 'inventory_items', 'abandoned_checkouts'],
    netsuite: ['invoices', 'vendors', 'vendor_bills', 'journal_entries', 'items', 'subsidiaries', 'departments', 'employees'],
    zendesk: ['tickets', 'users', 'organizations', 'ticket_metrics', 'satisfaction_ratings', 'groups'],
    hubspot: ['contacts', 'companies', 'deals', 'email_events', 'forms', 'engagements'],
    workday: ['workers', 'positions', 'compensation', 'time_off', 'organizations', 'job_requisitions'],
    stripe: ['charges', 'customers', 'subscriptions', 'invoices', 'payouts', 'disputes', 'balance_transactions'],
    google_ads: ['campaigns', 'ad_groups', 'keywords', 'clicks', 'conversions']
  }
  for (const [system, entities] of Object.entries(systems)) {
    for (const entity of entities) {
      out.push({
        name: `integration.${system}_${entity}`,
        comment: `Raw ${entity.replace(/_/g, ' ')} synced from ${system.replace('_', ' ')}`,
        columns: [{ name: 'external_id', type: 'varchar(64)' }, { name: 'payload', type: 'jsonb' }, { name: 'synced_at', type: 'timestamptz' }, { name: 'sync_run_id', type: 'integer' }],
        foreignKeys: []
      })
    }
  }
  for (const t of core.filter((x) => x.columns.some((c) => c.name === 'status'))) {
    out.push({
      name: `ref.${short(t.name)}_statuses`,
      comment: `Allowed values of ${t.name}.status`,
      columns: [{ name: 'status', type: 'varchar(30)' }, { name: 'label', type: 'varchar(100)' }, { name: 'is_final', type: 'boolean' }],
      foreignKeys: []
    })
  }
  for (const t of core.slice(0, 60)) {
    out.push({ name: `backup.${short(t.name)}_bak_20240115`, comment: 'Backup before the January migration', columns: copyCols(t), foreignKeys: [] })
  }
  return out
}

const tables = generate()
const names = new Set(tables.map((t) => t.name))
if (names.size !== tables.length) throw new Error('duplicate table names')
// The main question set (used while tuning) and a held-out set written afterwards and never tuned on.
for (const [questionsFile, out] of [
  ['enterprise-questions.json', 'enterprise-1000.json'],
  ['enterprise-holdout-questions.json', 'enterprise-1000-holdout.json']
]) {
  const questions = JSON.parse(readFileSync(join(here, questionsFile), 'utf8')) as { gold_tables: string[] }[]
  for (const q of questions) for (const g of q.gold_tables) if (!names.has(g)) throw new Error(`${questionsFile}: gold table ${g} does not exist`)
  writeFileSync(join(here, out), JSON.stringify({ tables, questions }))
  console.log(`wrote ${out}: ${tables.length} tables and ${questions.length} questions`)
}
