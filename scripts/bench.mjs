import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm run bench [-- results|export|schema|startup|docs|retrieval|grid ...]`: one script per area under bench/, each ending in a BENCH line.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const areas = {
  results: 'bench/results.ts',
  grid: 'bench/grid-scroll.ts',
  schema: 'bench/schema.ts',
  export: 'bench/export.ts',
  startup: 'bench/startup.ts',
  docs: 'bench/docs.ts',
  retrieval: 'bench/retrieval-eval.ts',
  values: 'bench/value-index.ts',
  plan: 'bench/plan.ts',
  'plan-render': 'bench/plan-render.ts',
  import: 'bench/import.ts',
  mockdata: 'bench/mockdata.ts'
}
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const chosen = wanted.length ? wanted : Object.keys(areas)
let failed = 0
for (const area of chosen) {
  const file = areas[area]
  if (!file) {
    console.error(`Unknown benchmark "${area}". Known: ${Object.keys(areas).join(', ')}`)
    process.exit(2)
  }
  if (!existsSync(join(root, file))) {
    console.log(`(no ${file} yet)`)
    continue
  }
  // the same launcher as the other TS scripts: tsx on this Node (the project's Node 22 under npm)
  const r = spawnSync(process.execPath, [join(root, 'scripts/run-ts.mjs'), file], { cwd: root, stdio: 'inherit', env: process.env })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
