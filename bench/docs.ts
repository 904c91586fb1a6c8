/**
 * `npm run bench -- docs`: every docs format for a generated 1,000-table schema, written to a temp folder.
 * Baseline: JSON.stringify of the same model (the cheapest possible "export"). Then the HTML of a 600-table
 * schema opened in Chromium (bench/docs-html.ts): load, search per keystroke, opening the ER diagram.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dbml } from '../src/main/services/docs/dbml'
import { buildDocSite } from '../src/main/services/docs/doc-site'
import { layoutSchemaDiagram, schemaDiagramSvg } from '../src/main/services/docs/er-diagrams'
import { exportDocs } from '../src/main/services/docs/exporter'
import { htmlSite } from '../src/main/services/docs/html'
import { lintSchema } from '../src/main/services/docs/lint'
import { markdownSite } from '../src/main/services/docs/markdown'
import { mermaidEr } from '../src/main/services/docs/mermaid'
import { benchDocsHtml, htmlBenchLine } from './docs-html'
import { generateSchemaModel } from './generate-schema-model'

const TABLES = 1000
const model = generateSchemaModel(TABLES)
const dir = mkdtempSync(join(tmpdir(), 'qg-bench-docs-'))

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now()
  const value = await fn()
  return [value, Math.round(performance.now() - t0)]
}

try {
  const [, baseline] = await time(() => JSON.stringify(model))
  // Cold: the first export in a fresh process, as the CLI runs it (ELK's JIT warm-up included).
  const [result, cold] = await time(() => exportDocs({ model, formats: ['md', 'html', 'json', 'mermaid', 'dbml'], outDir: join(dir, 'cold') }))
  const [, warm] = await time(() => exportDocs({ model, formats: ['md', 'html', 'json', 'mermaid', 'dbml'], outDir: join(dir, 'warm') }))

  // A mid-size schema: a layered layout and a diagram per table page.
  const [, mid] = await time(() => exportDocs({ model: generateSchemaModel(150), formats: ['md', 'html', 'json', 'mermaid', 'dbml'], outDir: join(dir, 'mid') }))

  const site = buildDocSite(model)
  const [lint, lintMs] = await time(() => lintSchema(site))
  const [diagram, layoutMs] = await time(() => layoutSchemaDiagram(site))
  const [svg, svgMs] = await time(() => schemaDiagramSvg(site, diagram))
  const [, mdMs] = await time(() => markdownSite(site, lint))
  const [html, htmlMs] = await time(() => htmlSite(site, lint, svg))
  const [, mermaidMs] = await time(() => mermaidEr(site))
  const [, dbmlMs] = await time(() => dbml(site))
  console.log(`files=${result.files.length} html_bytes=${html.length} svg_bytes=${svg.length}`)
  console.log(`breakdown_ms lint=${lintMs} er_layout=${layoutMs} er_svg=${svgMs} markdown=${mdMs} html=${htmlMs} mermaid=${mermaidMs} dbml=${dbmlMs}`)
  console.log(`BENCH docs tables=${TABLES} export_all_ms=${cold} export_all_warm_ms=${warm} export_150_tables_ms=${mid} baseline_json_stringify_ms=${baseline} target_ms=3000`)

  // A 5,000-table schema that carries what real ones do: partitions, triggers, routines, sequences, enums, domains.
  const full = generateSchemaModel(5000, 8, { hubs: 3, objects: true })
  const [fullResult, fullMs] = await time(() => exportDocs({ model: full, formats: ['md', 'html', 'json', 'mermaid', 'dbml'], outDir: join(dir, 'full') }))
  const partitionCount = full.tables.filter((t) => t.partitionOf).length
  const triggerCount = full.tables.reduce((n, t) => n + t.triggers.length, 0)
  console.log(
    `BENCH docs tables=5000 partitions=${partitionCount} routines=${full.routines.length} triggers=${triggerCount} files=${fullResult.files.length} export_all_ms=${fullMs} target_ms=15000`
  )
  console.log(htmlBenchLine(await benchDocsHtml()))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
