/**
 * `npm run bench -- plan-render`: a real PostgreSQL plan of about 500 nodes (a UNION ALL of 124 joins) in the plan
 * view, web mode in Chromium. Measures, median of 5 runs: the `plan.explain` call alone (server plan + parse + the
 * wire), and from pressing Explain analyze to the whole tree on screen; the difference is the view's own cost. Then
 * switching to the flame view. Needs PG_URL (or starts embedded PostgreSQL) and a built app.
 * Prints: BENCH plan-render nodes=<n> plan_call_ms=<n> explain_to_tree_ms=<n> render_ms=<n> flame_ms=<n>
 */
import pg from 'pg'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { launchBrowser, setEditorText, startApp, useConnectionInTab } from '../e2e/harness'
import { rpc } from '../e2e/rpc'
import { startTestDatabases } from '../test/databases'

const JOINS = 124
const RUNS = 5
const sql = Array.from({ length: JOINS }, (_, i) => `SELECT a.id FROM qg_pr_a a JOIN qg_pr_b b ON b.a_id = a.id WHERE a.v > ${i}`).join('\nUNION ALL\n')

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const stopDatabases = await startTestDatabases()
  const { buildIfNeeded } = (await import('../scripts/build-if-needed.mjs' as string)) as { buildIfNeeded(root: string): void }
  const { ROOT } = await import('../e2e/harness')
  buildIfNeeded(ROOT)
  const db = new pg.Client({ connectionString: process.env.PG_URL })
  await db.connect()
  await db.query(`DROP TABLE IF EXISTS qg_pr_a, qg_pr_b;
    CREATE TABLE qg_pr_a (id int PRIMARY KEY, v int); CREATE TABLE qg_pr_b (id int PRIMARY KEY, a_id int);
    INSERT INTO qg_pr_a SELECT g, g % 200 FROM generate_series(1, 2000) g; INSERT INTO qg_pr_b SELECT g, 1 + g % 2000 FROM generate_series(1, 2000) g;
    ANALYZE qg_pr_a; ANALYZE qg_pr_b;`)
  const app = await startApp()
  const browser = await launchBrowser()
  const page = await browser.newPage()
  try {
    const created = (await rpc(app, 'connections.create', { ...parseConnectionUrl(process.env.PG_URL!), name: 'PG render' } as never)) as { id: string }
    const calls: number[] = []
    let nodes = 0
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      const plan = (await rpc(app, 'plan.explain', { connectionId: created.id, sql, analyze: true } as never)) as { root: unknown }
      calls.push(performance.now() - started)
      const count = (n: { children?: unknown[] }): number => 1 + (n.children ?? []).reduce<number>((s, c) => s + count(c as never), 0)
      nodes = count(plan.root as never)
    }
    await page.goto(app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await useConnectionInTab(page, 'PG render')
    await setEditorText(page, sql)
    const trees: number[] = []
    const flames: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const before = await page.locator('[data-testid="plan-picker"]').inputValue().catch(() => '')
      const started = performance.now()
      await page.keyboard.press('ControlOrMeta+Shift+e')
      await page.waitForFunction(
        ([prev, n]) => {
          const picker = document.querySelector<HTMLSelectElement>('[data-testid="plan-picker"]')
          return !!picker && picker.value !== prev && document.querySelectorAll('[data-testid="plan-node"]').length >= n
        },
        [before, nodes] as const,
        { timeout: 60_000 }
      )
      trees.push(performance.now() - started)
      const flameStarted = performance.now()
      await page.locator('[data-testid="plan-view-flame"]').click()
      await page.locator('[data-testid="plan-flame"]').waitFor()
      flames.push(performance.now() - flameStarted)
      await page.locator('[data-testid="plan-view-tree"]').click()
    }
    const call = median(calls)
    const tree = median(trees)
    console.log(`plan.explain ${calls.map(Math.round).join(', ')} ms; Explain analyze to tree ${trees.map(Math.round).join(', ')} ms; flame ${flames.map(Math.round).join(', ')} ms`)
    console.log(`BENCH plan-render nodes=${nodes} plan_call_ms=${Math.round(call)} explain_to_tree_ms=${Math.round(tree)} render_ms=${Math.round(Math.max(0, tree - call))} flame_ms=${Math.round(median(flames))}`)
  } finally {
    await browser.close()
    await app.stop()
    await db.query('DROP TABLE IF EXISTS qg_pr_a, qg_pr_b').catch(() => undefined)
    await db.end()
    await stopDatabases()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
