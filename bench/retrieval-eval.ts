/**
 * Retrieval evaluation: `npm run eval:retrieval -- --dataset FILE [--dataset FILE2 ...] [--suite hard] [--provider ID] [--verbose]`
 * (default dataset: the generated 1,037-table schema; `--suite hard` runs the tuning split of the pooled ~910-table
 * schema, `--suite all` every dataset; the blind split is never in a suite: name it with --dataset, once).
 * Headline metric: strict@k, the share of questions whose every gold table is in the top k. One BENCH line per dataset,
 * plus one per hint group when the questions say whether they carry a domain hint.
 * Indexes the dataset's tables in a fresh local store, asks every question and scores the ranking.
 * The baseline (BM25 alone, same run) shows what the hybrid ranking adds.
 */
import { Command } from 'commander'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openLocalStore } from '../src/main/services/store/local-store'
import { SchemaIndex } from '../src/main/services/ai/retrieval/schema-index'
import { offlineEmbedder, type Embedder } from '../src/main/services/ai/retrieval/embedder'
import { ValueIndex, valueEntriesOf, valueMatchedTables } from '../src/main/services/ai/retrieval/value-index'
import { datasetTables, loadDataset } from './retrieval-dataset'

const SUITES: Record<string, string[]> = {
  hard: ['bench/datasets/pooled-tuning.json'],
  all: ['bench/datasets/enterprise-1000.json', 'bench/datasets/enterprise-1000-holdout.json', 'bench/datasets/music-store.json', 'bench/datasets/sample-db.json', 'bench/datasets/pooled-tuning.json']
}

const program = new Command()
  .option('--dataset <file>', 'dataset JSON (tables + questions); repeatable', (v: string, prev: string[] = []) => [...prev, v])
  .option('--suite <name>', `run a named set of datasets: ${Object.keys(SUITES).join(', ')}`)
  .option('--provider <name>', 'embed with this provider (openai, gemini, openai-compatible) instead of the offline embedding')
  .option('--base-url <url>', 'provider base URL (e.g. a local Ollama or the fake provider)')
  .option('--model <name>', 'embedding model of the provider')
  .option('--verbose', 'print misses')
  .option('--without-vectors', 'rank without the vector index (to measure what it adds)')
  .option('--add-hints', 'also ask each question without a domain hint with its gold schema as one ("Shop: …"), reported as split=hint_added')
  .option('--without-values', "rank without the value index even when the dataset carries column values")
  .parse(process.argv.filter((a, i) => !(a === '--' && i === 2)))
const opts = program.opts<{ dataset?: string[]; suite?: string; provider?: string; baseUrl?: string; model?: string; verbose?: boolean; withoutVectors?: boolean; withoutValues?: boolean; addHints?: boolean }>()

async function providerEmbedder(): Promise<Embedder> {
  const { createProvider } = await import('../src/main/services/ai/providers/registry')
  const { textEmbedder } = await import('../src/main/services/ai/retrieval/embedder')
  const kind = opts.provider as 'openai' | 'gemini' | 'openai-compatible'
  const key = process.env.AI_API_KEY ?? process.env.OPENAI_API_KEY ?? process.env.GEMINI_API_KEY ?? ''
  const provider = createProvider({ id: kind, kind, label: kind, enabled: true, baseUrl: opts.baseUrl, model: 'unused', embeddingModel: opts.model, contextTokens: 32000, maxOutputTokens: 256, timeoutMs: 60000 }, key)
  if (!provider.embed) throw new Error(`${kind} offers no embeddings`)
  const [probe] = await provider.embed(['probe'])
  return textEmbedder(`${kind}_${opts.model ?? 'default'}_${probe.length}`, probe.length, (t, s) => provider.embed!(t, s))
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

async function main(): Promise<void> {
  if (opts.suite && !SUITES[opts.suite]) throw new Error(`unknown suite ${opts.suite} (${Object.keys(SUITES).join(', ')})`)
  const files = [...(opts.suite ? SUITES[opts.suite] : []), ...(opts.dataset ?? [])]
  for (const file of files.length ? files : ['bench/datasets/enterprise-1000.json']) await evaluate(file)
}

interface Sums { n: number; r5: number; r10: number; s5: number; s10: number; mrr: number; b10: number; bs10: number; times: number[] }
const emptySums = (): Sums => ({ n: 0, r5: 0, r10: 0, s5: 0, s10: 0, mrr: 0, b10: 0, bs10: 0, times: [] })

/**
 * With --add-hints, each question without a hint whose gold tables lie in one schema is asked a second time with that
 * schema's name as its domain hint, the way users write one ("Music: songs by …"): the hint path on many more questions.
 */
function withAddedHints<Q extends { question: string; gold_tables: string[]; hint?: boolean }>(questions: Q[]): (Q & { added?: boolean })[] {
  if (!opts.addHints) return questions
  const added = questions.flatMap((q) => {
    const schemas = new Set(q.gold_tables.map((t) => t.slice(0, t.lastIndexOf('.'))))
    if (q.hint || schemas.size !== 1) return []
    const [schema] = schemas
    const domain = schema.length <= 3 ? schema.toUpperCase() : schema[0].toUpperCase() + schema.slice(1)
    return [{ ...q, question: `${domain}: ${q.question}`, hint: true, added: true }]
  })
  return [...questions, ...added]
}

async function evaluate(file: string): Promise<void> {
  const ds = loadDataset(file)
  const name = basename(file).replace(/\.json$/, '')
  const dir = mkdtempSync(join(tmpdir(), 'qg-eval-'))
  const store = openLocalStore(join(dir, 'eval.sqlite'))
  try {
    const values = new ValueIndex(store.db)
    const index = new SchemaIndex(store.db, (connectionId, question) => valueMatchedTables(values.match(connectionId, question)))
    const embedder = opts.provider ? await providerEmbedder() : offlineEmbedder
    const t0 = performance.now()
    await index.sync('eval', datasetTables(ds), embedder)
    const indexMs = performance.now() - t0
    const valueEntries = opts.withoutValues ? [] : valueEntriesOf(ds.tables)
    const v0 = performance.now()
    if (valueEntries.length) values.replace('eval', valueEntries)
    const valueIndexMs = performance.now() - v0
    const search = (question: string) => index.search('eval', question, embedder, { withoutVectors: opts.withoutVectors })

    // One untimed query first: it loads the connection's table cache and warms the JIT, like an app that is running.
    await search(ds.questions[0]?.question ?? 'warm up')
    const score = (ranked: string[], gold: string[], k: number) => gold.filter((g) => ranked.slice(0, k).includes(g)).length / gold.length
    const groups = new Map<string, Sums>([['all', emptySums()]])
    const { ftsQuery, queryWords } = await import('../src/main/services/ai/retrieval/features')
    const bm = store.db.prepare(
      `select c.table_key as k from ai_chunks_fts f join ai_chunks c on c.id = f.rowid where ai_chunks_fts match ? and c.connection_id = 'eval' order by bm25(ai_chunks_fts) limit 10`
    )
    for (const q of withAddedHints(ds.questions)) {
      const start = performance.now()
      const ranked = (await search(q.question)).map((r) => r.key)
      const ms = performance.now() - start
      const r5 = score(ranked, q.gold_tables, 5)
      const r10 = score(ranked, q.gold_tables, 10)
      const first = ranked.findIndex((k) => q.gold_tables.includes(k))
      // Baseline: the FTS5/BM25 ranking alone (table keys may repeat across chunks; the first of each counts).
      const m = ftsQuery(queryWords(q.question))
      const bmRanked = m ? [...new Set((bm.all(m) as { k: string }[]).map((r) => r.k))] : []
      const b10 = score(bmRanked, q.gold_tables, 10)
      const keys = q.added ? ['hint_added'] : ['all', ...(q.hint === undefined ? [] : [q.hint ? 'with_hint' : 'no_hint'])]
      for (const key of keys) {
        if (!groups.has(key)) groups.set(key, emptySums())
        const g = groups.get(key)!
        g.n++
        g.r5 += r5
        g.r10 += r10
        g.s5 += r5 === 1 ? 1 : 0
        g.s10 += r10 === 1 ? 1 : 0
        g.mrr += first >= 0 ? 1 / (first + 1) : 0
        g.b10 += b10
        g.bs10 += b10 === 1 ? 1 : 0
        g.times.push(ms)
      }
      if (opts.verbose && r10 < 1) console.log(`MISS ${q.question}\n  gold: ${q.gold_tables.join(', ')}\n  top10: ${ranked.slice(0, 10).join(', ')}`)
    }
    console.log(`${name}: indexed ${ds.tables.length} tables in ${indexMs.toFixed(0)} ms with ${embedder.space}${valueEntries.length ? `; ${valueEntries.length} columns of values in ${valueIndexMs.toFixed(0)} ms` : ''}`)
    for (const [split, g] of groups) {
      const f = (x: number) => (x / g.n).toFixed(3)
      console.log(
        `BENCH retrieval dataset=${name} split=${split} strict_at_5=${f(g.s5)} strict_at_10=${f(g.s10)} recall_at_5=${f(g.r5)} recall_at_10=${f(g.r10)} mrr=${f(g.mrr)} p95_ms=${percentile(g.times, 95).toFixed(1)} questions=${g.n} tables=${ds.tables.length} index_ms=${indexMs.toFixed(0)} values=${valueEntries.length ? 'on' : 'off'} embedding=${embedder.space} baseline_bm25_strict_at_10=${f(g.bs10)} baseline_bm25_recall_at_10=${f(g.b10)}`
      )
    }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
