import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { generateSchemaModel } from '../../bench/generate-schema-model'
import { buildDocSite, diagramNeighbourhood } from '../../src/main/services/docs/doc-site'
import { renderDocs } from '../../src/main/services/docs/exporter'
import { MERMAID_MAX_CHARS, MERMAID_NEIGHBOURS_MAX, mermaidEr, mermaidNeighbourhood } from '../../src/main/services/docs/mermaid'
import { mermaidBlocks, parseMermaid } from './validators'

/** Mermaid (and GitHub) render nothing past 50,000 characters: every diagram written must stay under that. */
describe('Mermaid output of a 400-table schema', async () => {
  const model = generateSchemaModel(400, 4, { hubs: 2 })
  const files = await renderDocs({ model, formats: ['mermaid', 'md'] })
  const mmd = [...files].filter(([name]) => name.endsWith('.mmd'))

  it('splits schema.mmd by schema when the whole would pass the limit, and says so in the README', () => {
    expect(mermaidEr(buildDocSite(model)).length).toBeGreaterThan(MERMAID_MAX_CHARS)
    expect(files.has('schema.mmd')).toBe(false)
    expect(mmd.map(([n]) => n).sort()[0]).toMatch(/^schema\.s0(\.1)?\.mmd$/)
    const readme = files.get('README.md')!
    expect(readme).toContain('## Mermaid diagram')
    for (const [name] of mmd) expect(readme).toContain(`[${name}](${name})`)
  })

  it('every .mmd file is at most 50,000 characters and passes the real Mermaid parser', async () => {
    expect(mmd.length).toBeGreaterThan(3)
    for (const [name, text] of mmd) {
      expect(text.length, name).toBeLessThanOrEqual(MERMAID_MAX_CHARS)
      expect(await parseMermaid(text), name).toBe('er')
    }
    // Every table is in exactly one part, with its columns.
    const declared = mmd.flatMap(([, text]) => [...text.matchAll(/^ {2}"([^"]+)" \{$/gm)].map((m) => m[1]))
    expect(new Set(declared).size).toBe(400)
  }, 120_000)

  it('every Markdown page diagram is under the limit and parses, hubs included', async () => {
    let checked = 0
    for (const [name, text] of files) {
      if (!name.endsWith('.md')) continue
      for (const block of mermaidBlocks(text)) {
        expect(block.length, name).toBeLessThanOrEqual(MERMAID_MAX_CHARS)
        if (checked++ % 20 === 0) expect(await parseMermaid(block), name).toBe('er')
      }
    }
    expect(checked).toBeGreaterThan(300)
  }, 120_000)

  it('without Markdown, the note goes to MERMAID.md', async () => {
    const only = await renderDocs({ model, formats: ['mermaid'] })
    expect(only.get('MERMAID.md')).toContain('split by schema')
  })
})

describe("a hub table's Mermaid diagram", () => {
  const site = buildDocSite(generateSchemaModel(400, 4, { hubs: 2 }))
  const hub = site.byName.get('s0.table_0000')!

  it('shows its nearest tables left to right with a "+N more" box, never a 5,000 px row', async () => {
    const text = mermaidNeighbourhood(site, hub)
    const entities = [...text.matchAll(/^ {2}"([^"]+)" \{$/gm)].map((m) => m[1])
    expect(entities.length).toBe(MERMAID_NEIGHBOURS_MAX + 2)
    expect(entities.at(-1)).toMatch(/^\+\d+ more related tables/)
    expect(text).toContain('  direction LR')
    expect(await parseMermaid(text)).toBe('er')
  })

  it('reaches two hops with --er-distance 2, still capped', async () => {
    const spoke = site.byName.get('s3.table_0399')!
    const one = mermaidNeighbourhood(site, spoke, { distance: 1 })
    const two = mermaidNeighbourhood(site, spoke, { distance: 2 })
    const count = (t: string) => [...t.matchAll(/^ {2}"([^"+][^"]*)" \{$/gm)].length
    expect(count(two)).toBeGreaterThan(count(one))
    expect(count(two)).toBeLessThanOrEqual(MERMAID_NEIGHBOURS_MAX + 1)
    expect(await parseMermaid(two)).toBe('er')
  })
})

describe('querygenie docs --er-distance (CLI, model from a stub loader)', () => {
  const model = generateSchemaModel(40, 2)
  async function cli(...argv: string[]) {
    let err = ''
    let code = 0
    await runCli(argv, { out: () => {}, err: (t) => (err += t), setExitCode: (c) => (code = c) }, async () => model)
    return { code, err }
  }

  it('reaches two hops on each page with 2 and refuses anything but 1 or 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-er-distance-'))
    try {
      const base = ['docs', '--url', 'postgres://stub/x', '--format', 'md', '--out']
      expect((await cli(...base, join(dir, 'one'))).code).toBe(0)
      expect((await cli(...base, join(dir, 'two'), '--er-distance', '2')).code).toBe(0)
      const site = buildDocSite(model)
      const t = site.tables.find((x) => diagramNeighbourhood(site, x, { distance: 2 }).tables.length > diagramNeighbourhood(site, x, { distance: 1 }).tables.length)!
      const page = (d: string) => readFileSync(join(dir, d, `${site.slug(t)}.md`), 'utf8')
      // Entities: declared blocks and both sides of each relationship.
      const boxes = (t: string) => new Set(mermaidBlocks(t)[0]!.split('\n').flatMap((l) => /^ {2}"([^"]+)"(?: \S+ "([^"]+)")?/.exec(l)?.slice(1).filter(Boolean) ?? [])).size
      expect(boxes(page('two'))).toBeGreaterThan(boxes(page('one')))
      const bad = await cli(...base, join(dir, 'bad'), '--er-distance', '3')
      expect(bad.err).toMatch(/er-distance/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
