/**
 * Child process of the crash test (faithful-export.test.ts): opens the store in `dir`, starts a large JSON export of
 * a SQLite query into `target` (as the desktop save dialog would answer), prints `PARTIAL <path>` once rows are being
 * written, and waits to be killed.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { ConnectionInput } from '../../../../../shared/contract'
import { ConnectionService } from '../../../connections/connection-service'
import { FileSecretBox } from '../../../connections/secret-box'
import { prepareAnalysers } from '../../../statements'
import { openLocalStore } from '../../../store/local-store'
import { QueryService } from '../../query-service'
import { ExportService } from '../export-service'

const [dir, target] = process.argv.slice(2)
const store = openLocalStore(join(dir, 'store.db'))
const events = { emit: () => undefined }
const connections = new ConnectionService({ store, secretBox: FileSecretBox.open(join(dir, 'secret.key')), sampleDbPath: join(dir, 'no-sample.db'), dataDir: dir, events })
prepareAnalysers()
const queries = new QueryService({ connections, store, events, settings: { get: () => ({ resultMemoryCapRows: 1000 }) as never }, tempRoot: dir })
let partial = ''
const exports = new ExportService({
  results: queries.results,
  connections,
  exportDir: join(dir, 'exports'),
  store,
  choosePath: async () => target,
  events: {
    emit: (name, payload) => {
      const p = payload as { rows: number; state: string; error?: { message: string } }
      if (p.state === 'error') process.stderr.write(`export failed: ${p.error?.message}\n`)
      if (name === 'export.progress' && p.rows > 20_000 && partial) {
        process.stdout.write(`PARTIAL ${partial}\n`)
        partial = ''
      }
    }
  }
})
new Database(join(dir, 'crash.db')).close()
const conn = connections.create({ name: 'crash', dialect: 'sqlite', filePath: join(dir, 'crash.db'), readOnly: false } as ConnectionInput).id
const sql = 'with recursive g(n) as (select 1 union all select n + 1 from g where n < 50000000) select n, printf(\'row %d\', n) as label from g'
void exports.start({ source: { kind: 'query', connectionId: conn, sql }, format: 'json', fileName: 'crash.json', header: true }).then(({ exportId }) => {
  const row = store.db.prepare('select partial_path as p from export_partials where export_id = ?').get(exportId) as { p: string }
  partial = row.p
})
setInterval(() => undefined, 1000)
