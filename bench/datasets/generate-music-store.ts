/**
 * Writes bench/datasets/music-store.json: a Chinook-style music store schema (11 tables) with hand-written
 * questions. Run: npx tsx bench/datasets/generate-music-store.ts
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

type Fk = [column: string, refTable: string, refColumn: string]
const tables: { name: string; comment: string | null; columns: { name: string; type: string }[]; foreignKeys: { columns: string[]; refTable: string; refColumns: string[] }[] }[] = []
function t(name: string, comment: string | null, cols: string[], fks: Fk[] = []): void {
  tables.push({
    name,
    comment,
    columns: cols.map((c) => ({ name: c.split(':')[0]!, type: c.split(':')[1]! })),
    foreignKeys: fks.map(([a, b, c]) => ({ columns: [a], refTable: b, refColumns: [c] }))
  })
}
t('artist', 'Musicians and bands', ['artist_id:integer', 'name:varchar(120)'])
t('album', 'Albums released by artists', ['album_id:integer', 'title:varchar(160)', 'artist_id:integer'], [['artist_id', 'artist', 'artist_id']])
t('genre', null, ['genre_id:integer', 'name:varchar(120)'])
t('media_type', 'File format of a track', ['media_type_id:integer', 'name:varchar(120)'])
t('track', 'Songs for sale', ['track_id:integer', 'name:varchar(200)', 'album_id:integer', 'media_type_id:integer', 'genre_id:integer', 'composer:varchar(220)', 'milliseconds:integer', 'bytes:integer', 'unit_price:numeric(10,2)'], [
  ['album_id', 'album', 'album_id'],
  ['media_type_id', 'media_type', 'media_type_id'],
  ['genre_id', 'genre', 'genre_id']
])
t('playlist', null, ['playlist_id:integer', 'name:varchar(120)'])
t('playlist_track', null, ['playlist_id:integer', 'track_id:integer'], [['playlist_id', 'playlist', 'playlist_id'], ['track_id', 'track', 'track_id']])
t('employee', 'Store staff', ['employee_id:integer', 'last_name:varchar(20)', 'first_name:varchar(20)', 'title:varchar(30)', 'reports_to:integer', 'birth_date:timestamp', 'hire_date:timestamp', 'city:varchar(40)', 'country:varchar(40)', 'email:varchar(60)'], [['reports_to', 'employee', 'employee_id']])
t('customer', null, ['customer_id:integer', 'first_name:varchar(40)', 'last_name:varchar(20)', 'company:varchar(80)', 'city:varchar(40)', 'state:varchar(40)', 'country:varchar(40)', 'email:varchar(60)', 'support_rep_id:integer'], [['support_rep_id', 'employee', 'employee_id']])
t('invoice', null, ['invoice_id:integer', 'customer_id:integer', 'invoice_date:timestamp', 'billing_city:varchar(40)', 'billing_country:varchar(40)', 'total:numeric(10,2)'], [['customer_id', 'customer', 'customer_id']])
t('invoice_line', null, ['invoice_line_id:integer', 'invoice_id:integer', 'track_id:integer', 'unit_price:numeric(10,2)', 'quantity:integer'], [['invoice_id', 'invoice', 'invoice_id'], ['track_id', 'track', 'track_id']])

const questions: [string, string[]][] = [
  ['Which artist has the most albums?', ['artist', 'album']],
  ['Top 5 best-selling songs of all time', ['track', 'invoice_line']],
  ['Revenue per country last year', ['invoice']],
  ['Which genre earns the most money?', ['genre', 'track', 'invoice_line']],
  ['Customers served by each support representative', ['customer', 'employee']],
  ['Who is the manager of each employee?', ['employee']],
  ['Longest tracks on the Rock playlist', ['playlist', 'playlist_track', 'track']],
  ['How much did each customer spend in total?', ['customer', 'invoice']],
  ['Which albums have no sales at all?', ['album', 'track', 'invoice_line']],
  ['Average song length per genre in minutes', ['track', 'genre']],
  ['Sales of AAC audio files versus MPEG files', ['media_type', 'track', 'invoice_line']],
  ['Which composer wrote the most tracks?', ['track']],
  ['Top spending customer in each country', ['customer', 'invoice']],
  ['How many tracks did each band release?', ['artist', 'album', 'track']],
  ['Monthly number of purchases in 2024', ['invoice']],
  ['Staff hired before 2003 and their city', ['employee']]
]
const out = join(dirname(fileURLToPath(import.meta.url)), 'music-store.json')
writeFileSync(out, JSON.stringify({ tables, questions: questions.map(([question, gold_tables]) => ({ question, gold_tables })) }, null, 1))
console.log(`wrote ${tables.length} tables and ${questions.length} questions`)
