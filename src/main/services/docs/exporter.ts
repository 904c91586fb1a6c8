import { constants } from 'node:fs'
import { access, chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { DocFormat, DocNote, LintFinding, TableFilter } from '../../../shared/contract/docs'
import { AppError } from '../../../shared/errors'
import type { SchemaModel, TableModel } from '../../../shared/schema-model'
import { dbml } from './dbml'
import { buildDocSite, type ColumnClassification, type DocSite, type ErDistance } from './doc-site'
import { layoutSchemaDiagram, neighbourhoodDiagrams, schemaDiagramHtml, schemaDiagramSvg, type HtmlDiagram } from './er-diagrams'
import { filterModel } from './filter'
import { htmlSite } from './html'
import { lintJson, notesJson, schemaModelJson, schemaModelJsonSchema, SCHEMA_MODEL_JSON, SCHEMA_MODEL_JSON_SCHEMA } from './json'
import { lintSchema } from './lint'
import type { LintConfig } from './lint-config'
import { markdownSite } from './markdown'
import { mermaidFiles, type MermaidOutput } from './mermaid'

export interface ExportProgress {
  phase: string
  done: number
  total: number
}

export interface ExportOptions {
  model: SchemaModel
  notes?: DocNote[]
  formats: DocFormat[]
  outDir: string
  filter?: TableFilter
  title?: string
  /** How far each table page's diagram reaches: 1 (default) or 2 foreign-key hops. */
  erDistance?: ErDistance
  /** Rule severities, exclusions and naming patterns for the lint section and lint.json. */
  lint?: LintConfig
  onProgress?: (p: ExportProgress) => void
  /** The app's PII scan findings: a Classification column (and classifications.json); none headless. */
  classifications?: ColumnClassification[]
  /** Owner-only output (web mode's exports area inside the data folder): new folders 0700, files 0600 (POSIX). */
  private?: boolean
}

export interface ExportResult {
  folder: string
  /** Paths relative to `folder`. */
  files: string[]
  durationMs: number
  /** The lint findings written into the docs (for `--fail-on`). */
  lint: LintFinding[]
}

export const ER_SVG_FILE = 'schema.svg'

/** Renders every requested format into memory: file name → content. */
export async function renderDocs(opts: Omit<ExportOptions, 'outDir'>): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  await renderEach(opts, { set: (name, content) => void files.set(name, content) })
  return files
}

/** Hands each file to `files` as soon as its format is rendered, so writing overlaps with rendering the next. */
async function renderEach(opts: Omit<ExportOptions, 'outDir'>, files: { set(name: string, content: string): void }): Promise<LintFinding[]> {
  const progress = opts.onProgress ?? (() => {})
  const formats = new Set(opts.formats)
  const site: DocSite = buildDocSite(filterModel(opts.model, opts.filter), opts.notes, opts.title, { erDistance: opts.erDistance, classifications: opts.classifications })
  const lint = lintSchema(site, opts.lint)
  const steps = formats.size + (formats.has('md') || formats.has('html') ? 1 : 0)
  let done = 0
  const step = (phase: string) => progress({ phase, done: done++, total: steps })

  let svgForHtml: HtmlDiagram = { svg: '', parts: new Map() }
  let neighbourhoods = new Map<TableModel, string>()
  if (formats.has('md') || formats.has('html')) {
    step('Laying out the ER diagram')
    const diagram = await layoutSchemaDiagram(site)
    if (formats.has('md')) files.set(ER_SVG_FILE, schemaDiagramSvg(site, diagram))
    if (formats.has('html')) {
      svgForHtml = schemaDiagramHtml(site, diagram)
      neighbourhoods = neighbourhoodDiagrams(site)
    }
  }
  // Computed before Markdown: a split schema.mmd is announced in the README.
  const mermaid: MermaidOutput | undefined = formats.has('mermaid') ? mermaidFiles(site) : undefined
  if (formats.has('md')) {
    step('Writing Markdown')
    for (const [name, content] of Object.entries(markdownSite(site, lint, { svgFile: ER_SVG_FILE })))
      files.set(name, name === 'README.md' && mermaid?.note ? `${content.trimEnd()}\n\n## Mermaid diagram\n\n${mermaid.note}\n` : content)
  }
  if (formats.has('html')) {
    step('Writing HTML')
    files.set('index.html', htmlSite(site, lint, svgForHtml, neighbourhoods))
  }
  if (formats.has('json')) {
    step('Writing JSON')
    files.set(SCHEMA_MODEL_JSON, schemaModelJson(site))
    files.set(SCHEMA_MODEL_JSON_SCHEMA, schemaModelJsonSchema())
    files.set('lint.json', lintJson(lint))
    if (opts.notes?.length) files.set('notes.json', notesJson(opts.notes))
    if (opts.classifications?.length) files.set('classifications.json', `${JSON.stringify(opts.classifications, null, 2)}\n`)
  }
  if (formats.has('mermaid')) {
    step('Writing Mermaid')
    for (const [name, content] of mermaid!.files) files.set(name, content)
    // Without Markdown there is no README to carry the note: it gets its own file.
    if (mermaid!.note && !formats.has('md')) files.set('MERMAID.md', `# Mermaid diagrams\n\n${mermaid!.note}\n`)
  }
  if (formats.has('dbml')) {
    step('Writing DBML')
    files.set('schema.dbml', dbml(site))
  }
  progress({ phase: 'Rendered', done: steps, total: steps })
  return lint
}

export async function exportDocs(opts: ExportOptions): Promise<ExportResult> {
  const started = performance.now()
  const folder = resolve(opts.outDir)
  await ensureWritableFolder(folder, opts.private)
  const names: string[] = []
  const writes: Promise<void>[] = []
  const write = async (path: string, content: string): Promise<void> => {
    if (!opts.private) return writeFile(path, content, 'utf8')
    await writeFile(path, content, { encoding: 'utf8', mode: 0o600 })
    // the mode above applies only to a new file: an earlier export's file may be 0644
    if (process.platform !== 'win32') await chmod(path, 0o600)
  }
  const lint = await renderEach(opts, {
    set: (name, content) => {
      names.push(name)
      writes.push(write(join(folder, name), content))
    }
  })
  opts.onProgress?.({ phase: 'Writing files', done: 0, total: names.length })
  const results = await Promise.allSettled(writes)
  const failed = results.findIndex((r) => r.status === 'rejected')
  if (failed >= 0) {
    const reason = (results[failed] as PromiseRejectedResult).reason as Error
    throw new AppError('INVALID_INPUT', `Cannot write ${join(folder, names[failed])}: ${reason.message}`)
  }
  opts.onProgress?.({ phase: 'Writing files', done: names.length, total: names.length })
  return { folder, files: names.sort(), durationMs: Math.round(performance.now() - started), lint }
}

/** Creates the folder if needed and proves it writable with a probe file; clear errors instead of EACCES stacks. */
export async function ensureWritableFolder(folder: string, ownerOnly = false): Promise<void> {
  try {
    await makeFolder(folder, ownerOnly ? 0o700 : undefined)
    await access(folder, constants.W_OK)
    const probe = join(folder, `.querygenie-write-test-${process.pid}`)
    await writeFile(probe, '')
    await rm(probe, { force: true })
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const reason =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file with that name is in the way' : code === 'EROFS' ? 'read-only file system' : code === 'ENOENT' ? 'a folder cannot be created there' : (e as Error).message
    throw new AppError('INVALID_INPUT', `Cannot write to folder ${folder}: ${reason}.`)
  }
}

/**
 * mkdir -p without `recursive: true`: on file systems like /proc, Node's recursive mkdir retries forever
 * (the child reports ENOENT while its parent exists), so create each missing level ourselves.
 */
async function makeFolder(folder: string, mode?: number): Promise<void> {
  const missing: string[] = []
  let dir = folder
  for (;;) {
    const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null
      throw e
    })
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' })
      break
    }
    missing.unshift(dir)
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  for (const d of missing) {
    await mkdir(d, mode === undefined ? undefined : { mode }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e
    })
  }
}
