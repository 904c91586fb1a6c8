#!/usr/bin/env node
// Architecture boundaries, checked on every `npm run lint` instead of remembered:
//   (a) services, the CLI and the web entry stay free of Electron (only src/main/index.ts and src/main/electron/** use it);
//   (b) the renderer imports neither main-process code nor Node or driver modules;
//   (c) nothing outside src/main/services/engines/ reaches into an engine's folder (the registry is the way in);
//   (d) no `dialect === 'mysql'`-style comparison outside the engine folders: code asks the engine's facts instead.
// Usage: node scripts/check-boundaries.mjs [root]. Prints `file:line: message` per finding; exits 1 if any.
import { builtinModules } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'))
const SCANNED = ['src', 'test', 'bench', 'e2e', 'scripts']
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', '.git'])
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/

const ENGINES_DIR = 'src/main/services/engines/'
/** What outside code may import from the services' engines folder (the rest is engine folders). */
const ENGINES_PUBLIC = new Set(['', 'index', 'types', 'plan-text'])
const ENGINE_FACTS_DIR = 'src/shared/engines/'

const ELECTRON = /^(electron|electron-[^/]+|@electron(-toolkit)?\/.+)(\/|$)/
const NODE_BUILTIN = new Set(builtinModules.filter((m) => !m.startsWith('_')))
const DRIVER = /^(pg|pg-[^/]+|mysql2|mssql|tedious|better-sqlite3|ssh2|@duckdb\/.+)(\/|$)/

const DIALECTS = 'postgres|mysql|mariadb|sqlite|mssql|duckdb'
const DIALECT_CHECKS = [
  new RegExp(`(dialect|engine|kind)[A-Za-z.]* *[!=]==? *['"](${DIALECTS})['"]`),
  new RegExp(`['"](${DIALECTS})['"] *[!=]==? *[A-Za-z.]*(dialect|engine|kind)`, 'i'),
  new RegExp(`case '(${DIALECTS})'`),
  /Record<(Exclude<)?Dialect\b/
]

const IMPORT_SPECIFIERS = [/\bfrom\s+['"]([^'"]+)['"]/g, /^\s*import\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g]

function* sourceFiles(dir) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) yield* sourceFiles(join(dir, e.name))
    } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield join(dir, e.name)
  }
}

const posix = (p) => p.split(sep).join('/')
const isTest = (rel) => rel.startsWith('test/') || rel.startsWith('e2e/') || /\.(test|e2e)\.tsx?$/.test(rel)
const underEngines = (rel) => rel.startsWith(ENGINES_DIR)
const electronFree = (rel) => rel.startsWith('src/main/services/') || rel.startsWith('src/cli/') || rel === 'src/main/web-main.ts'

/** The repository path a relative specifier points at (no extension resolution needed for these rules). */
const target = (rel, spec) => (spec.startsWith('.') ? posix(relative(root, resolve(root, dirname(rel), spec))) : null)

function importFindings(rel, spec) {
  const out = []
  const to = target(rel, spec)
  const bare = to === null
  if (electronFree(rel) && bare && ELECTRON.test(spec)) out.push(`imports '${spec}': only src/main/index.ts and src/main/electron/** may use Electron`)
  if (rel.startsWith('src/renderer/')) {
    if (to !== null && (to === 'src/main' || to.startsWith('src/main/'))) out.push(`imports '${spec}': the renderer reaches main only through the API`)
    const nodeModule = spec.startsWith('node:') || NODE_BUILTIN.has(spec.split('/')[0])
    if (bare && (nodeModule || DRIVER.test(spec) || ELECTRON.test(spec))) out.push(`imports '${spec}': the renderer runs without Node, drivers or Electron`)
  }
  if (!underEngines(rel) && to !== null && to.startsWith(ENGINES_DIR)) {
    const inside = to.slice(ENGINES_DIR.length).replace(/\.(ts|tsx|js|mjs)$/, '')
    if (!ENGINES_PUBLIC.has(inside)) out.push(`imports '${spec}' from inside an engine folder: use the registry (src/main/services/engines/index.ts)`)
  }
  return out
}

function check(rel, text) {
  const findings = []
  const dialectRulesApply = !underEngines(rel) && !rel.startsWith(ENGINE_FACTS_DIR) && !isTest(rel)
  text.split('\n').forEach((line, i) => {
    const code = line.trimStart()
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return
    for (const pattern of IMPORT_SPECIFIERS) {
      for (const m of line.matchAll(pattern)) for (const message of importFindings(rel, m[1])) findings.push(`${rel}:${i + 1}: ${message}`)
    }
    if (dialectRulesApply && DIALECT_CHECKS.some((p) => p.test(line))) {
      findings.push(`${rel}:${i + 1}: compares or tables dialect names outside the engine folders: ask the engine's facts (src/shared/engines) instead`)
    }
  })
  return findings
}

const findings = []
let files = 0
for (const top of SCANNED) {
  for (const file of sourceFiles(join(root, top))) {
    files++
    findings.push(...check(posix(relative(root, file)), readFileSync(file, 'utf8')))
  }
}
for (const f of findings) console.error(f)
if (findings.length) {
  console.error(`check-boundaries: ${findings.length} finding(s) in ${files} files`)
  process.exit(1)
}
console.log(`check-boundaries: ${files} files, no findings`)
