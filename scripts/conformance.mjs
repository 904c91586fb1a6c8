import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm run conformance`: the write-safety suite on every engine here (real servers; SQL Server when MSSQL_URL is set),
// then one `CONFORMANCE write-safety engine=<name> forms=<N> held=<N>` line per engine.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(mkdtempSync(join(tmpdir(), 'qg-conformance-')), 'lines.txt')
const result = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', 'test/write-safety', '--reporter=dot'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONFORMANCE_OUT: out }
})
console.log('')
if (existsSync(out)) process.stdout.write(readFileSync(out, 'utf8'))
process.exit(result.status ?? 1)
