import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SchemaModel } from '../../src/shared/schema-model'
import { medianMs, node22, ROOT } from './cli-timing'

// `npm pack` the project (prepack bundles the CLI into out/cli/), `npm install` the tarball into an empty folder the
// way a user would, and run the installed `querygenie` there: no checkout, no tsx, no devDependencies.
// The install takes the npm cache first (--prefer-offline); when neither cache nor registry can serve it, the tests
// skip and say so.

const NODE = node22()
/** npm, npx and the bin's `#!/usr/bin/env node` all run on Node 22: native modules install for its ABI. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')))
  return { ...clean, PATH: `${dirname(NODE)}${delimiter}${process.env.PATH ?? ''}`, ...extra }
}
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOCACHE|request to \S+ failed|only-if-cached/

let dir: string
let app: string
let skipReason: string | undefined
let installMs = 0

function run(command: string, args: string[], cwd: string, timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: env(), encoding: 'utf8', timeout })
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-cli-install-'))
  app = join(dir, 'app')
  mkdirSync(app)
  const packStarted = performance.now()
  const pack = run('npm', ['pack', '--json', '--pack-destination', dir], ROOT, 120_000)
  const packMs = Math.round(performance.now() - packStarted)
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`)
  // prepack prints its own line before npm's JSON
  const packed = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as { filename: string; unpackedSize: number; files: { path: string }[] }[]
  const files = packed[0].files.map((f) => f.path)
  expect(files).toContain('bin/querygenie.mjs')
  expect(files).toContain('out/cli/querygenie.mjs')
  expect(files.filter((f) => !/^(bin\/querygenie\.mjs|out\/cli\/[^/]+\.(mjs|json)|package\.json|README\.md|LICENSE.*)$/.test(f))).toEqual([])
  expect(packed[0].unpackedSize).toBeLessThan(5_000_000)

  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'qg-install-test', private: true }))
  const started = performance.now()
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, packed[0].filename)], app, 600_000)
  installMs = Math.round(performance.now() - started)
  if (install.status !== 0) {
    const output = `${install.stdout}\n${install.stderr}`
    if (NETWORK.test(output)) skipReason = `npm install could not reach the registry and the npm cache lacks a package: ${output.match(NETWORK)?.[0]}`
    else throw new Error(`npm install of the packed tarball failed (exit ${install.status ?? install.signal}): ${output}`)
  }
  console.log(`BENCH cli pack_ms=${packMs} install_ms=${installMs} packed_kb=${Math.round(packed[0].unpackedSize / 1024)}`)
}, 660_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('querygenie installed from the packed tarball', () => {
  it('answers `npx querygenie docs --help` from the install, not from this checkout', (ctx) => {
    ctx.skip(!!skipReason, skipReason)
    const bin = join(app, 'node_modules', '.bin', 'querygenie')
    expect(realpathSync(bin)).toBe(realpathSync(join(app, 'node_modules', 'querygenie', 'bin', 'querygenie.mjs')))
    expect(existsSync(join(app, 'node_modules', 'querygenie', 'src'))).toBe(false)
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false)

    const r = run('npx', ['--no', 'querygenie', 'docs', '--help'], app)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('Usage: querygenie docs [options] [command]')
    expect(r.stdout).toContain('--url <url>')

    const helpMs = medianMs(bin, ['docs', '--help'], { cwd: app, env: env() })
    const npxMs = medianMs('npx', ['--no', 'querygenie', 'docs', '--help'], { cwd: app, env: env() })
    console.log(`BENCH cli help_ms=${helpMs} where=installed npx_help_ms=${npxMs}`)
    expect(helpMs).toBeLessThan(3000)
    expect(npxMs).toBeLessThan(5000)

    // An install has no Node 22 of its own to fall back on: an older Node gets a clear message, not a native crash.
    const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && Number(run(p, ['-p', 'process.versions.node.split(".")[0]'], app).stdout) < 22)
    if (oldNode) {
      const old = spawnSync(oldNode, [bin, 'docs', '--help'], { cwd: app, encoding: 'utf8', env: env() })
      expect(old.status).toBe(2)
      expect(old.stderr).toContain('querygenie needs Node.js 22.12 or newer')
    }
  }, 120_000)

  it('exports docs from a SQLite file and finds no drift against its own schema.json', (ctx) => {
    ctx.skip(!!skipReason, skipReason)
    // A copy: the sample database may be regenerated while this runs (npm run sample-db).
    const db = join(dir, 'sample.db')
    copyFileSync(join(ROOT, 'resources', 'sample.db'), db)
    const out = join(dir, 'docs')
    const r = run('npx', ['--no', 'querygenie', 'docs', '--url', `sqlite:${db}`, '--out', out, '--format', 'all'], app)
    expect(r.stderr).not.toContain('querygenie:')
    expect(r.status, r.stderr).toBe(0)
    const tables = Number(r.stdout.match(/Wrote \d+ files for (\d+) tables/)?.[1])
    expect(tables).toBeGreaterThan(0)
    for (const f of ['README.md', 'index.html', 'schema.json', 'schema.mmd', 'schema.dbml', 'schema.svg']) expect(existsSync(join(out, f)), f).toBe(true)
    const model = SchemaModel.parse(JSON.parse(readFileSync(join(out, 'schema.json'), 'utf8')))
    expect(model.dialect).toBe('sqlite')
    expect(model.tables).toHaveLength(tables)
    expect(model.tables.some((t) => t.name === 'orders' && t.foreignKeys.length > 0)).toBe(true)
    expect(readFileSync(join(out, 'schema.dbml'), 'utf8')).toContain('Table "main"."orders"')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html')

    const diff = run(join(app, 'node_modules', '.bin', 'querygenie'), ['docs', 'diff', join(out, 'schema.json'), '--url', `sqlite:${db}`], app)
    expect(diff.stdout).toContain('No drift')
    expect(diff.status, diff.stderr).toBe(0)
  }, 120_000)
})
