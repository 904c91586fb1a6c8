/**
 * `npm run bench -- import`: 1,000,000 CSV rows × 10 columns (the shape of bench/results-engines.ts) imported into a
 * new table through the ImportService (preview → inferred types → import, one transaction), against each engine's
 * own bulk path into the same table (the DDL the preview proposed), measured in the same run:
 *   postgres: `psql -c "\copy t from '<file>' csv header"` (ours: COPY FROM STDIN, the values checked and re-quoted);
 *   mysql:    `mariadb --local-infile=1 -e "LOAD DATA LOCAL INFILE …"` when the client and server allow it, else
 *             `mariadb < file.sql` of 1000-row INSERTs (ours: 1000-row INSERTs through the statement analyser);
 *   sqlite:   `sqlite3 <db> ".import --csv --skip 1 <file> t"` when the CLI is installed, else better-sqlite3
 *             prepared inserts in one transaction (ours: 1000-row INSERTs in one transaction in the session's worker).
 * Engines: BENCH_ENGINES=postgres,mysql,sqlite (default all reachable); rows: BENCH_ROWS (default 1,000,000).
 * Prints per engine: BENCH import engine=<e> rows=… ours_ms=… raw_ms=… ratio=<raw/ours> baseline=<what>
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { QueryHarness } from '../src/main/services/query/testing/query-harness'
import { importer } from '../src/main/services/import/testing'
import { startTestDatabases } from '../test/databases'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const dir = mkdtempSync(join(tmpdir(), 'qg-bench-import-'))
const csvPath = join(dir, 'bench.csv')

/** id, ratio, label, created_at, active, hash, amount, big, day, maybe: as bench/results-engines.ts's query. */
function writeCsv(): void {
  const fd = openSync(csvPath, 'w')
  let buf = 'id,ratio,label,created_at,active,hash,amount,big,day,maybe\n'
  const t0 = Date.UTC(2020, 0, 1)
  for (let g = 1; g <= ROWS; g++) {
    const ts = new Date(t0 + g * 1000).toISOString().replace('T', ' ').slice(0, 19)
    const day = new Date(t0 + (g % 1000) * 86_400_000).toISOString().slice(0, 10)
    const hash = ((g * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4)
    buf += `${g},${(g * 1.5).toFixed(1)},name ${g},${ts},${g % 2 === 0},${hash},${(g % 1000).toFixed(2)},${g * 1_000_000},${day},${g % 3 === 0 ? '' : 'x'}\n`
    if (buf.length > 1 << 20) {
      writeSync(fd, buf)
      buf = ''
    }
  }
  writeSync(fd, buf)
  closeSync(fd)
}

function timed(cmd: string, args: string[], input?: string): number {
  const started = performance.now()
  const stdin = input ? openSync(input, 'r') : 'ignore'
  const r = spawnSync(cmd, args, { stdio: [stdin, 'ignore', 'pipe'], env: process.env })
  const ms = performance.now() - started
  if (typeof stdin === 'number') closeSync(stdin)
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString()}`)
  return ms
}

interface Side {
  connection(h: QueryHarness): string
  /** Runs SQL with the engine's own client (setup, not timed). */
  sql(statement: string): Promise<unknown[][]>
  /** The baseline into `table` (already created), timed. */
  raw(table: string): Promise<{ ms: number; what: string }>
}

const mysqlArgs = (): string[] => {
  const u = new URL(process.env.MYSQL_URL!)
  return ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username), ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), u.pathname.slice(1)]
}

/** The CSV as a file of 1000-row INSERTs (MariaDB's baseline when LOAD DATA LOCAL is not allowed). */
function insertFile(table: string): string {
  const path = join(dir, 'bench.sql')
  const fd = openSync(path, 'w')
  const lines = spawnSync('cat', [csvPath], { maxBuffer: 1 << 30 }).stdout.toString().split('\n').slice(1, -1)
  writeSync(fd, 'SET autocommit=0;\n')
  for (let i = 0; i < lines.length; i += 1000) {
    const tuples = lines.slice(i, i + 1000).map((l) => {
      const v = l.split(',')
      return `(${v[0]},${v[1]},'${v[2]}','${v[3]}',${v[4]},'${v[5]}',${v[6]},${v[7]},'${v[8]}',${v[9] ? `'${v[9]}'` : 'NULL'})`
    })
    writeSync(fd, `INSERT INTO ${table} VALUES ${tuples.join(',')};\n`)
  }
  writeSync(fd, 'COMMIT;\n')
  closeSync(fd)
  return path
}

const sides: Record<string, () => Side> = {
  postgres: () => ({
    connection: (h) => h.connection({ ...parseConnectionUrl(process.env.PG_URL!), dialect: 'postgres', name: 'bench' } as never),
    sql: async (s) => {
      const c = new pg.Client({ connectionString: process.env.PG_URL })
      await c.connect()
      try {
        return (await c.query({ text: s, rowMode: 'array' })).rows
      } finally {
        await c.end()
      }
    },
    raw: async (t) => ({ ms: timed('psql', [process.env.PG_URL!, '-X', '-q', '-c', `\\copy ${t} from '${csvPath}' csv header`]), what: 'psql-\\copy' })
  }),
  mysql: () => {
    const sql = async (s: string): Promise<unknown[][]> => {
      const c = await mysql.createConnection({ uri: process.env.MYSQL_URL, multipleStatements: true })
      try {
        return (await c.query({ sql: s, rowsAsArray: true }))[0] as unknown[][]
      } finally {
        await c.end()
      }
    }
    return {
      connection: (h) => h.connection({ ...parseConnectionUrl(process.env.MYSQL_URL!), dialect: 'mysql', name: 'bench' } as never),
      sql,
      raw: async (t) => {
        const load = `LOAD DATA LOCAL INFILE '${csvPath}' INTO TABLE ${t} FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES (id, ratio, label, created_at, @active, hash, amount, big, day, @maybe) SET active = (@active = 'true'), maybe = NULLIF(@maybe, '')`
        try {
          return { ms: timed('mariadb', ['--local-infile=1', ...mysqlArgs(), '-e', load]), what: 'mariadb-LOAD-DATA-LOCAL' }
        } catch (e) {
          console.log(`(LOAD DATA LOCAL not allowed here: ${(e as Error).message.trim().split('\n')[0]}; baseline: mariadb < 1000-row INSERT file)`)
          await sql(`TRUNCATE TABLE ${t}`)
          const file = insertFile(t)
          return { ms: timed('mariadb', mysqlArgs(), file), what: 'mariadb<multi-row-INSERT-file' }
        }
      }
    }
  },
  sqlite: () => {
    const db = join(dir, 'bench.db')
    new Database(db).close()
    const cli = spawnSync('sqlite3', ['-version']).status === 0
    return {
      connection: (h) => h.connection({ dialect: 'sqlite', filePath: db }),
      sql: async (s) => {
        const d = new Database(db)
        try {
          return /^\s*select/i.test(s) ? (d.prepare(s).raw().all() as unknown[][]) : (d.exec(s), [])
        } finally {
          d.close()
        }
      },
      raw: async (t) => {
        if (cli) return { ms: timed('sqlite3', [db, `.import --csv --skip 1 ${csvPath} ${t}`]), what: 'sqlite3-.import--csv' }
        const d = new Database(db)
        const started = performance.now()
        const ins = d.prepare(`INSERT INTO ${t} VALUES (?,?,?,?,?,?,?,?,?,?)`)
        const lines = spawnSync('cat', [csvPath], { maxBuffer: 1 << 30 }).stdout.toString().split('\n').slice(1, -1)
        d.transaction(() => lines.forEach((l) => ins.run(l.split(',')))).call(null)
        const ms = performance.now() - started
        d.close()
        return { ms, what: 'better-sqlite3-prepared-1-transaction' }
      }
    }
  }
}

async function main(): Promise<void> {
  const stopDatabases = await startTestDatabases()
  writeCsv()
  const wanted = (process.env.BENCH_ENGINES ?? 'postgres,mysql,sqlite').split(',')
  try {
    for (const name of wanted) {
      if (name === 'mysql' && !process.env.MYSQL_URL) {
        console.log('(MYSQL_URL not set: skipping mysql)')
        continue
      }
      const side = sides[name]!()
      const h = new QueryHarness()
      try {
        const conn = side.connection(h)
        const imp = importer(h)
        const ours = `qg_bench_import_ours`
        const raw = `qg_bench_import_raw`
        for (const t of [ours, raw]) await side.sql(`DROP TABLE IF EXISTS ${t}`)
        const { fileId } = imp.files.add(csvPath)
        const preview = await imp.imports.preview({ connectionId: conn, fileId, options: {}, rows: 10, table: { name: raw } })
        const columns = preview.columns.map((c) => ({ name: c.name, type: c.type }))
        // the baseline's table: the DDL the preview proposes (the same types ours creates)
        await side.sql(preview.ddl)
        // two rounds, each side alternating first, best of each: the server's after-work (WAL, autovacuum) hits both
        let oursMs = Infinity
        let rawRun = { ms: Infinity, what: '' }
        let done: Awaited<ReturnType<typeof imp.run>> | null = null
        for (let round = 0; round < 2; round++) {
          const sides = [
            async () => {
              await side.sql(`DROP TABLE IF EXISTS ${ours}`)
              const started = performance.now()
              done = await imp.run(csvPath, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: ours }, columns }, mode: 'transaction' })
              oursMs = Math.min(oursMs, performance.now() - started)
              if (done.state !== 'done') throw new Error(`import ended ${done.state}: ${JSON.stringify(done.error)}`)
            },
            async () => {
              await side.sql(`DELETE FROM ${raw}`)
              const r = await side.raw(raw)
              if (r.ms < rawRun.ms) rawRun = r
            }
          ]
          for (const run of round === 0 ? sides : sides.reverse()) await run()
        }
        const [[n1]] = (await side.sql(`SELECT COUNT(*) FROM ${ours}`)) as [[number]]
        const [[n2]] = (await side.sql(`SELECT COUNT(*) FROM ${raw}`)) as [[number]]
        if (Number(n1) !== ROWS || Number(n2) !== ROWS) throw new Error(`row counts: ours ${n1}, raw ${n2}, expected ${ROWS}`)
        console.log(
          `BENCH import engine=${name} rows=${ROWS} ours_ms=${Math.round(oursMs)} raw_ms=${Math.round(rawRun.ms)} ratio=${(rawRun.ms / oursMs).toFixed(2)} baseline=${rawRun.what} types=${columns.map((c) => c.type).join('/')} rejected=${done!.rejected}`
        )
        for (const t of [ours, raw]) await side.sql(`DROP TABLE IF EXISTS ${t}`)
      } finally {
        await h.close()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await stopDatabases()
  }
}

await main()
