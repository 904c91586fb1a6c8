import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { buildDocSite } from '../../src/main/services/docs/doc-site'
import { failsAt, LINT_RULES, lintSchema, lintSummary } from '../../src/main/services/docs/lint'
import { loadLintConfig, parseLintConfig, type LintConfig } from '../../src/main/services/docs/lint-config'
import { LintRule } from '../../src/shared/contract/docs'
import { SchemaModel, type TableModel } from '../../src/shared/schema-model'

type T = Partial<TableModel> & { name: string }
const col = (name: string, type = 'integer', nullable = false) => ({ name, type, nullable })

/** Two documented, related tables that trip no rule; each case adds one table (or changes one thing). */
const base: T[] = [
  { name: 'parent', comment: 'p', columns: [col('id')], primaryKey: { name: 'parent_pkey', columns: ['id'] } },
  {
    name: 'child',
    comment: 'c',
    columns: [col('id'), col('parent_id')],
    primaryKey: { name: 'child_pkey', columns: ['id'] },
    foreignKeys: [{ name: 'child_parent_fkey', columns: ['parent_id'], refSchema: 's', refTable: 'parent', refColumns: ['id'] }],
    indexes: [{ name: 'child_parent_idx', columns: ['parent_id'], unique: false, method: 'btree' }]
  }
]

function model(extra: T[] = [], more: Partial<SchemaModel> = {}): SchemaModel {
  return SchemaModel.parse({
    dialect: 'postgres',
    database: 'd',
    defaultSchema: 's',
    schemas: ['s'],
    fingerprint: 'x',
    introspectedAt: '2026-01-01T00:00:00.000Z',
    ...more,
    tables: [...base, ...extra].map((t) => ({ schema: 's', kind: 'table', ...t }))
  })
}
const lint = (m: SchemaModel, config?: LintConfig) => lintSchema(buildDocSite(m), config)
/** A third table related to parent, so that no-relations stays quiet; `t` overrides. */
const related = (t: T): T => ({
  comment: 'x',
  primaryKey: { columns: ['id'] },
  ...t,
  columns: [col('id'), col('parent_id'), ...(t.columns ?? [])],
  foreignKeys: [{ name: `${t.name}_parent_fkey`, columns: ['parent_id'], refSchema: 's', refTable: 'parent', refColumns: ['id'] }, ...(t.foreignKeys ?? [])],
  indexes: [{ name: `${t.name}_parent_idx`, columns: ['parent_id'], unique: false }, ...(t.indexes ?? [])]
})

describe('lint rules', () => {
  it('the base model has no findings, and every rule has an id, a default severity and a description', () => {
    expect(lint(model())).toEqual([])
    expect(LINT_RULES.map((r) => r.id).sort()).toEqual([...LintRule.options].sort())
    expect(LINT_RULES.length).toBeGreaterThanOrEqual(15)
    for (const r of LINT_RULES) expect(r.description.length).toBeGreaterThan(10)
  })

  const cases: [LintRule, SchemaModel, string, string[]?][] = [
    ['no-primary-key', model([related({ name: 'nopk', primaryKey: null })]), 's.nopk'],
    ['unindexed-foreign-key', model([related({ name: 't', indexes: [] })].map((t) => ({ ...t, indexes: [] }))), 's.t', ['parent_id']],
    ['duplicate-index', model([related({ name: 't', indexes: [{ name: 'a', columns: ['id', 'parent_id'], unique: false }, { name: 'b', columns: ['id', 'parent_id'], unique: false }] })]), 's.t', ['id', 'parent_id']],
    ['redundant-index', model([related({ name: 't', columns: [col('x')], indexes: [{ name: 'wide', columns: ['parent_id', 'x'], unique: false }] })]), 's.t', ['parent_id']],
    ['duplicate-foreign-key', model([related({ name: 't', foreignKeys: [{ name: 'again', columns: ['parent_id'], refSchema: 's', refTable: 'parent', refColumns: ['id'] }] })]), 's.t', ['parent_id']],
    ['foreign-key-type-mismatch', model([{ ...related({ name: 't' }), columns: [col('id'), col('parent_id', 'bigint')] }]), 's.t', ['parent_id']],
    ['nullable-foreign-key', model([{ ...related({ name: 't' }), columns: [col('id'), col('parent_id', 'integer', true)] }]), 's.t', ['parent_id']],
    ['missing-table-comment', model([related({ name: 't', comment: null })]), 's.t'],
    ['table-naming', model([related({ name: 'OrderLines' })]), 's.OrderLines'],
    ['column-naming', model([related({ name: 't', columns: [col('createdAt')] })]), 's.t', ['createdAt']],
    ['reserved-word', model([related({ name: 't', columns: [col('order')] })]), 's.t', ['order']],
    ['too-many-columns', model([related({ name: 't', columns: Array.from({ length: 49 }, (_, i) => col(`c${i}`)) })]), 's.t'],
    ['too-many-indexes', model([related({ name: 't', columns: [col('x')], indexes: Array.from({ length: 10 }, (_, i) => ({ name: `i${i}`, columns: ['x', `lower(c${i})`], unique: true })) })]), 's.t'],
    ['no-relations', model([{ name: 'lonely', comment: 'x', columns: [col('id')], primaryKey: { columns: ['id'] } }]), 's.lonely'],
    ['varchar-without-length', model([related({ name: 't', columns: [col('v', 'character varying')] })]), 's.t', ['v']],
    ['boolean-name-not-boolean', model([related({ name: 't', columns: [col('is_active', 'integer'), col('has_x', 'boolean')] })]), 's.t', ['is_active']],
    ['object-error', model([], { errors: [{ kind: 'view', schema: 's', name: 'broken', message: 'function f() does not exist' }] }), 's.broken']
  ]

  it.each(cases)('%s: exactly one finding, on the right table and columns', (rule, m, table, columns) => {
    const findings = lint(m)
    expect(findings.map((f) => f.rule)).toEqual([rule])
    expect(findings[0]).toMatchObject({ table, severity: LINT_RULES.find((r) => r.id === rule)!.severity, ...(columns ? { columns } : {}) })
    expect(findings[0].message.length).toBeGreaterThan(10)
  })

  it('missing-column-comment is off by default and runs when configured', () => {
    const m = model()
    expect(lint(m).some((f) => f.rule === 'missing-column-comment')).toBe(false)
    const on = lint(m, { rules: { 'missing-column-comment': 'warning' } })
    expect(on.map((f) => [f.rule, f.severity, f.table])).toEqual([
      ['missing-column-comment', 'warning', 's.child'],
      ['missing-column-comment', 'warning', 's.parent']
    ])
    expect(lint(m, { rules: { 'missing-column-comment': { exclude: ['s.parent'] } } }).map((f) => `${f.severity} ${f.table}`)).toEqual(['warning s.child'])
  })

  it('two indexes differing only by collation are not duplicates; a one-column index in the other direction is', () => {
    const collated = model([related({ name: 't', columns: [col('n', 'text')], indexes: [{ name: 'n_c', columns: ['n COLLATE "C"'], unique: false }, { name: 'n_de', columns: ['n COLLATE "de-x-icu"'], unique: false }, { name: 'n_plain', columns: ['n'], unique: false }] })])
    expect(lint(collated).filter((f) => f.rule === 'duplicate-index')).toEqual([])
    const desc = model([related({ name: 't', columns: [col('n', 'text')], indexes: [{ name: 'a', columns: ['n'], unique: false }, { name: 'b', columns: ['n DESC'], unique: false }] })])
    expect(lint(desc).filter((f) => f.rule === 'duplicate-index').map((f) => f.message)).toEqual(['Indexes a and b on s.t cover the same columns (n).'])
  })

  it('a unique or partial prefix index is not redundant, and a different method is not a duplicate', () => {
    const m = model([
      related({
        name: 't',
        columns: [col('x'), col('y')],
        indexes: [{ name: 'u', columns: ['x'], unique: true }, { name: 'p', columns: ['x'], unique: false, predicate: 'y > 0' }, { name: 'xy', columns: ['x', 'y'], unique: false }, { name: 'h', columns: ['x', 'y'], unique: false, method: 'hash' }]
      })
    ])
    expect(lint(m).filter((f) => f.rule === 'redundant-index' || f.rule === 'duplicate-index')).toEqual([])
  })

  it('config: severities, off, limits, global and per-rule exclusions, naming patterns', () => {
    const m = model([related({ name: 'nopk', primaryKey: null, columns: [col('camelCase')] }), related({ name: 'legacy_x', primaryKey: null })])
    expect(lint(m).map((f) => `${f.rule} ${f.severity} ${f.table}`)).toEqual(['no-primary-key error s.legacy_x', 'column-naming warning s.nopk', 'no-primary-key error s.nopk'])
    const cfg: LintConfig = { rules: { 'no-primary-key': { severity: 'warning', exclude: ['legacy_*'] }, 'column-naming': 'off' } }
    expect(lint(m, cfg).map((f) => `${f.rule} ${f.severity} ${f.table}`)).toEqual(['no-primary-key warning s.nopk'])
    expect(lint(m, { exclude: ['s.nopk', '*legacy*'] })).toEqual([])
    expect(lint(m, { naming: { column: '^[a-z][A-Za-z_]*$' } }).map((f) => f.rule)).toEqual(['no-primary-key', 'no-primary-key'])
    expect(lint(model([related({ name: 't', columns: [col('a'), col('b')] })]), { rules: { 'too-many-columns': { max: 3 } } }).map((f) => f.message)).toEqual(['s.t has 4 columns (limit 3).'])
  })

  it('summary and fail levels', () => {
    const findings = lint(model([related({ name: 'nopk', primaryKey: null, comment: null })]))
    expect(lintSummary(findings)).toBe('Lint: 1 error, 0 warnings, 1 info (missing-table-comment 1, no-primary-key 1)')
    expect(failsAt(findings, 'error')).toBe(true)
    expect(failsAt(findings.filter((f) => f.severity === 'info'), 'warning')).toBe(false)
    expect(failsAt(findings.filter((f) => f.severity === 'info'), 'info')).toBe(true)
    expect(lintSummary([])).toBe('Lint: 0 errors, 0 warnings, 0 info')
  })
})

describe('lint config files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-lint-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('parses both shapes and explains mistakes', () => {
    expect(parseLintConfig('{"rules":{"no-primary-key":"off"},"exclude":["a.*"]}', '.querygenie-lint.json')).toEqual({ rules: { 'no-primary-key': 'off' }, exclude: ['a.*'] })
    expect(parseLintConfig('{"lint":{"naming":{"table":"^t_"}},"other":1}', 'x/querygenie.config.json')).toEqual({ naming: { table: '^t_' } })
    expect(parseLintConfig('{"other":1}', 'querygenie.config.json')).toEqual({})
    expect(() => parseLintConfig('{"rules":{"no-such-rule":"error"}}', 'c.json')).toThrow(/c\.json: rules/)
    expect(() => parseLintConfig('{"rules":{"no-primary-key":"fatal"}}', 'c.json')).toThrow(/c\.json: rules\.no-primary-key/)
    expect(() => parseLintConfig('{"naming":{"table":"("}}', 'c.json')).toThrow(/naming\.table: not a valid regular expression/)
    expect(() => parseLintConfig('{', 'c.json')).toThrow(/c\.json is not valid JSON/)
  })

  it('finds .querygenie-lint.json before querygenie.config.json, and none means defaults', async () => {
    expect(await loadLintConfig(undefined, dir)).toEqual({ config: {}, path: null })
    writeFileSync(join(dir, 'querygenie.config.json'), '{"lint":{"exclude":["x"]}}')
    expect(await loadLintConfig(undefined, dir)).toEqual({ config: { exclude: ['x'] }, path: join(dir, 'querygenie.config.json') })
    writeFileSync(join(dir, '.querygenie-lint.json'), '{"exclude":["y"]}')
    expect((await loadLintConfig(undefined, dir)).config).toEqual({ exclude: ['y'] })
    await expect(loadLintConfig(join(dir, 'nope.json'), dir)).rejects.toThrow(/no such file/)
  })
})

describe('querygenie docs --fail-on / --lint-config (CLI, model from a stub loader)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-lint-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const m = model([related({ name: 'nopk', primaryKey: null }), related({ name: 'undoc', comment: null })])

  async function cli(...argv: string[]) {
    let out = ''
    let err = ''
    let code = 0
    await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), setExitCode: (c) => (code = c) }, async () => m)
    return { code, out, err }
  }

  it('prints a summary and exits 0 by default; --fail-on sets exit 1 at that level or worse', async () => {
    const base = ['docs', '--url', 'postgres://stub/x', '--format', 'json', '--out']
    const plain = await cli(...base, join(dir, 'a'))
    expect(plain.code).toBe(0)
    expect(plain.out).toContain('Lint: 1 error, 0 warnings, 1 info (no-primary-key 1, missing-table-comment 1)')
    expect((await cli(...base, join(dir, 'b'), '--fail-on', 'error')).code).toBe(1)
    const cfg = join(dir, 'lint.json')
    writeFileSync(cfg, JSON.stringify({ rules: { 'no-primary-key': 'warning' } }))
    const relaxed = await cli(...base, join(dir, 'c'), '--fail-on', 'error', '--lint-config', cfg)
    expect(relaxed.code).toBe(0)
    expect(relaxed.out).toContain(`Lint: 0 errors, 1 warning, 1 info (no-primary-key 1, missing-table-comment 1) [config: ${cfg}]`)
    expect((await cli(...base, join(dir, 'd'), '--fail-on', 'warning', '--lint-config', cfg)).code).toBe(1)
    expect((await cli(...base, join(dir, 'e'), '--fail-on', 'info', '--lint-config', cfg)).code).toBe(1)
    writeFileSync(cfg, JSON.stringify({ rules: { 'no-primary-key': 'off', 'missing-table-comment': 'off' } }))
    expect((await cli(...base, join(dir, 'f'), '--fail-on', 'info', '--lint-config', cfg)).code).toBe(0)
  })

  it('a bad level or config is a usage error (exit 2)', async () => {
    const badLevel = await cli('docs', '--url', 'postgres://stub/x', '--out', join(dir, 'g'), '--fail-on', 'fatal')
    expect(badLevel.code).toBe(2)
    expect(badLevel.err).toMatch(/fatal/)
    const cfg = join(dir, 'bad.json')
    writeFileSync(cfg, '{"rules":{"nope":"error"}}')
    const badCfg = await cli('docs', '--url', 'postgres://stub/x', '--out', join(dir, 'h'), '--lint-config', cfg)
    expect(badCfg.code).toBe(2)
    expect(badCfg.err).toContain(`${cfg}: rules`)
  })
})

describe('lint on partitions', () => {
  it("a partition counts its parent's primary key and indexes, and inherited key copies are checked once, on the defining table", () => {
    const cols = [col('id'), col('parent_id')]
    const fk = (inheritedFrom?: string) => ({ name: 'p_parent_fkey', columns: ['parent_id'], refSchema: 's', refTable: 'parent', refColumns: ['id'], ...(inheritedFrom ? { inheritedFrom } : {}) })
    const m = model([
      { name: 'p', comment: 'x', columns: cols, primaryKey: { columns: ['id'] }, foreignKeys: [fk()], indexes: [{ name: 'p_parent_idx', columns: ['parent_id'], unique: false }], partitioning: { strategy: 'range', key: 'id', partitions: ['p1'] } },
      { name: 'p1', columns: cols, foreignKeys: [fk('p')], partitionOf: { schema: 's', table: 'p', bound: 'DEFAULT' } }
    ])
    expect(lint(m)).toEqual([])
    // Without the index on the parent, the key is reported once, on the parent.
    const bare = model([
      { name: 'p', comment: 'x', columns: cols, primaryKey: { columns: ['id'] }, foreignKeys: [fk()], partitioning: { strategy: 'range', key: 'id', partitions: ['p1'] } },
      { name: 'p1', columns: cols, foreignKeys: [fk('p')], partitionOf: { schema: 's', table: 'p', bound: 'DEFAULT' } }
    ])
    expect(lint(bare).map((f) => `${f.rule} ${f.table}`)).toEqual(['unindexed-foreign-key s.p'])
  })
})
