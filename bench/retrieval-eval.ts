/**
 * Retrieval evaluation: `npm run eval:retrieval -- --dataset FILE [--provider ID] [--verbose]` (default dataset:
 * the generated 1,037-table schema).
 * Indexes the dataset's tables in a fresh local store, asks every question and scores the ranking.
 * The baseline (BM25 alone, same run) shows what the hybrid ranking adds.
 */
import { Command } from 'commander'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLocalStore } from '../src/main/services/store/local-store'
import { SchemaIndex } from '../src/main/services/ai/retrieval/schema-index'
import { offlineEmbedder, type Embedder } from '../src/main/services/ai/retrieval/embedder'
import { datasetTables, loadDataset } from './retrieval-dataset'

const program = new Command()
  .option('--dataset <file>', 'dataset JSON (tables + questions)', 'bench/datasets/enterprise-1000.json')
  .option('--provider <name>', 'embed with this provider (openai, gemini, openai-compatible) instead of the offline embedding')
  .option('--base-url <url>', 'provider base URL (e.g. a local Ollama or the fake provider)')
  .option('--model <name>', 'embedding model of the provider')
  .option('--verbose', 'print misses')
  .parse(process.argv.filter((a, i) => !(a === '--' && i === 2)))
const opts = program.opts<{ dataset: string; provider?: string; baseUrl?: string; model?: string; verbose?: boolean }>()

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
  const ds = loadDataset(opts.dataset)
  const dir = mkdtempSync(join(tmpdir(), 'qg-eval-'))
  const store = openLocalStore(join(dir, 'eval.sqlite'))
  try {
    const index = new SchemaIndex(store.db)
    const embedder = opts.provider ? await providerEmbedder() : offlineEmbedder
    const t0 = performance.now()
    await index.sync('eval', datasetTables(ds), embedder)
    const indexMs = performance.now() - t0

    // One untimed query first: it loads the connection's table cache and warms the JIT, like an app that is running.
    await index.search('eval', ds.questions[0]?.question ?? 'warm up', embedder)
    const score = (ranked: string[], gold: string[], k: number) => gold.filter((g) => ranked.slice(0, k).includes(g)).length / gold.length
    const sums = { r5: 0, r10: 0, s5: 0, s10: 0, mrr: 0, b10: 0 }
    const times: number[] = []
    for (const q of ds.questions) {
      const start = performance.now()
      const ranked = (await index.search('eval', q.question, embedder)).map((r) => r.key)
      times.push(performance.now() - start)
      const r5 = score(ranked, q.gold_tables, 5)
      const r10 = score(ranked, q.gold_tables, 10)
      sums.r5 += r5
      sums.r10 += r10
      sums.s5 += r5 === 1 ? 1 : 0
      sums.s10 += r10 === 1 ? 1 : 0
      const first = ranked.findIndex((k) => q.gold_tables.includes(k))
      sums.mrr += first >= 0 ? 1 / (first + 1) : 0
      if (opts.verbose && r10 < 1) console.log(`MISS ${q.question}\n  gold: ${q.gold_tables.join(', ')}\n  top10: ${ranked.slice(0, 10).join(', ')}`)
      // Baseline: the FTS5/BM25 ranking alone.
      const bm = store.db
        .prepare(`select c.table_key as k from ai_chunks_fts f join ai_chunks c on c.id = f.rowid where ai_chunks_fts match ? and c.connection_id = 'eval' order by bm25(ai_chunks_fts) limit 10`)
      const { ftsQuery, queryWords } = await import('../src/main/services/ai/retrieval/features')
      const m = ftsQuery(queryWords(q.question))
      const bmRanked = m ? (bm.all(m) as { k: string }[]).map((r) => r.k) : []
      sums.b10 += score(bmRanked, q.gold_tables, 10)
    }
    const n = ds.questions.length
    const f = (x: number) => (x / n).toFixed(3)
    console.log(`indexed ${ds.tables.length} tables in ${indexMs.toFixed(0)} ms with ${embedder.space}`)
    console.log(
      `BENCH retrieval recall_at_5=${f(sums.r5)} recall_at_10=${f(sums.r10)} strict_at_5=${f(sums.s5)} strict_at_10=${f(sums.s10)} mrr=${f(sums.mrr)} p95_ms=${percentile(times, 95).toFixed(1)} questions=${n} tables=${ds.tables.length} embedding=${embedder.space} baseline_bm25_recall_at_10=${f(sums.b10)}`
    )
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
