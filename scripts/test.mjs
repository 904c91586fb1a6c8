import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm test`: everything CI runs — typecheck, lint, unit + integration tests, build, end-to-end tests in Chromium.
// Ends with one plain `N passed, N failed, N skipped` line totalled over both vitest runs.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules/.bin', name)
const reports = mkdtempSync(join(tmpdir(), 'qg-test-'))
const only = process.argv[2]
let failedSteps = []

function step(name, command, args) {
  console.log(`\n=== ${name} ===`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  const ok = result.status === 0
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`)
  if (!ok) failedSteps.push(name)
  return ok
}

function failedTests(report, rootDir) {
  const lines = []
  for (const file of report.testResults ?? []) {
    const where = file.name.startsWith(rootDir) ? file.name.slice(rootDir.length + 1) : file.name
    const failedAssertions = (file.assertionResults ?? []).filter((test) => test.status === 'failed')
    if (file.status === 'failed' && failedAssertions.length === 0) lines.push(`- ${where}: ${firstLines(file.message)}`)
    for (const test of failedAssertions) lines.push(`- ${where} > ${test.fullName}: ${firstLines(test.failureMessages?.[0])}`)
  }
  return lines
}

function firstLines(text = '') {
  return text.split('\n').slice(0, 4).map((line) => line.trim()).filter(Boolean).join(' | ').slice(0, 600)
}

function vitest(name, config, report) {
  return step(name, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
}

if (!only || only === 'static') {
  step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
  step('lint', 'npm', ['run', '--silent', 'lint'])
}
if (!only || only === 'unit') {
  // test/docs/cli*.test.ts run bin/querygenie.mjs, which uses the CLI bundle in out/cli/ (`npm pack` builds its own).
  step('build the CLI bundle', process.execPath, [join(root, 'scripts/build-cli.mjs')])
  vitest('unit and integration tests', 'vitest.config.ts', join(reports, 'unit.json'))
}
if (!only || only === 'e2e') {
  if (step('build', process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])) {
    vitest('end-to-end tests (web mode in Chromium)', 'vitest.e2e.config.ts', join(reports, 'e2e.json'))
  }
}

let passed = 0
let failed = 0
let skipped = 0
const failures = []
for (const file of ['unit.json', 'e2e.json']) {
  const path = join(reports, file)
  if (!existsSync(path)) continue
  const report = JSON.parse(readFileSync(path, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  failures.push(...failedTests(report, root))
}
// CI shows only the tail of the output, so the failures are repeated last, one short block each.
if (failures.length) console.log(`\nFailed tests:\n${failures.join('\n')}`)
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`)
console.log(`\n${passed} passed, ${failed + (failedSteps.length && !failed ? failedSteps.length : 0)} failed, ${skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
