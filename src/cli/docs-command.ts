import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError, Option } from 'commander'
import { DocFormat, DocNote, type TableFilter } from '../shared/contract/docs'
import { AppError } from '../shared/errors'
import type { SchemaModel } from '../shared/schema-model'

/** The drivers and exporters load when a command runs, not for `--help` (see docs-services.ts). */
const services = () => import('./docs-services')

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Set the process exit code (drift → 1). */
  setExitCode(code: number): void
}

export type LoadModel = (url: string, schemas: string[] | undefined, io: CliIo) => Promise<SchemaModel>

const defaultLoad: LoadModel = async (url, schemas, io) =>
  (await services()).introspectUrl(url, { schemas, onProgress: (phase, done, total) => io.err(`  introspecting: ${phase}${done < total ? ` (${done + 1}/${total})` : ''}\n`) })

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)]

function formats(value: string): DocFormat[] {
  const out = list(value)
  if (out.includes('all')) return [...DocFormat.options]
  for (const f of out) if (!DocFormat.safeParse(f).success) throw new InvalidArgumentError(`unknown format "${f}"; use ${DocFormat.options.join(', ')} or all`)
  if (!out.length) throw new InvalidArgumentError('give at least one format')
  return out as DocFormat[]
}

function filterOf(o: { include?: string[]; exclude?: string[] }): TableFilter {
  return { include: o.include, exclude: o.exclude }
}

/** `querygenie docs …` and `querygenie docs diff …`. */
export function docsCommand(io: CliIo, load: LoadModel = defaultLoad): Command {
  const docs = new Command('docs')
    // `docs diff … --url` must give --url to diff, not to docs.
    .enablePositionalOptions()
    .description('Write schema documentation (Markdown, HTML, JSON, Mermaid, DBML) for a database, without the app')
    // Not requiredOption: commander checks a parent's mandatory options for its subcommands too (docs diff).
    .option('--url <url>', 'database URL: postgres://…, mysql://…, mariadb://…, sqlserver://…, sqlite:path or a .db file')
    .option('--out <dir>', 'output folder (created if missing)', 'docs')
    .addOption(new Option('--format <list>', `comma-separated: ${DocFormat.options.join(', ')} or all`).argParser(formats).default(['md', 'html', 'json'], 'md,html,json'))
    .option('--include <glob>', 'only tables matching (schema.table or table; repeatable or comma-separated)', list)
    .option('--exclude <glob>', 'skip tables matching (repeatable or comma-separated)', list)
    .option('--schema <name>', 'schemas (MySQL: databases) to read; default: all user schemas', list)
    .option('--notes <file>', 'a notes.json written by an earlier export or the app, merged into the docs')
    .option('--title <text>', 'title of the documentation')
    .addOption(new Option('--er-distance <hops>', "how far each table page's diagram reaches: 1 or 2 foreign-key hops").choices(['1', '2']).default('1'))
    .option('--lint-config <file>', 'lint rules, exclusions and naming patterns (default: .querygenie-lint.json or querygenie.config.json in the working directory)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when lint findings at this level or worse exist (default: never)').choices(['error', 'warning', 'info']))
    .action(async (o: { url?: string; out: string; format: DocFormat[]; include?: string[]; exclude?: string[]; schema?: string[]; notes?: string; title?: string; erDistance?: string; lintConfig?: string; failOn?: 'error' | 'warning' | 'info' }) => {
      if (!o.url) docs.error("error: required option '--url <url>' not specified")
      const notes = o.notes ? await readNotes(o.notes) : []
      const { ensureWritableFolder, exportDocs, filterModel, loadLintConfig, lintSummary, failsAt } = await services()
      // A bad lint config is a usage error: report it before connecting.
      const lint = await loadLintConfig(o.lintConfig, process.cwd())
      // Fail on a bad folder before spending time on introspection.
      await ensureWritableFolder(o.out)
      const model = await load(o.url!, o.schema, io)
      const result = await exportDocs({
        model,
        notes,
        formats: o.format,
        outDir: o.out,
        filter: filterOf(o),
        title: o.title,
        erDistance: o.erDistance === '2' ? 2 : 1,
        lint: lint.config,
        onProgress: (p) => {
          if (p.phase !== 'Writing files') io.err(`  ${p.phase}\n`)
        }
      })
      const tables = filterModel(model, filterOf(o)).tables.length
      if (!tables) io.err(`warning: no tables matched in database "${model.database}"; check --schema, --include and --exclude.\n`)
      io.out(`Wrote ${result.files.length} files for ${tables} tables to ${result.folder} in ${result.durationMs} ms\n`)
      io.out(`${lintSummary(result.lint)}${lint.path ? ` [config: ${lint.path}]` : ''}\n`)
      if (o.failOn && failsAt(result.lint, o.failOn)) {
        io.err(`Lint findings at level ${o.failOn} or worse: failing (--fail-on ${o.failOn}).\n`)
        io.setExitCode(1)
      }
    })

  docs
    .command('diff')
    .description('Compare a schema.json from an earlier export with the live database; exits 1 when they differ')
    .argument('<old.json>', 'schema.json written by `querygenie docs --format json`')
    .requiredOption('--url <url>', 'database URL')
    .option('--include <glob>', 'only tables matching', list)
    .option('--exclude <glob>', 'skip tables matching', list)
    .option('--schema <name>', 'schemas (MySQL: databases) to read', list)
    .option('--json', 'print the diff as JSON ({ version: 1, drift, summary, objects: [...] }; see docs/schema-docs.md)')
    .action(async (oldPath: string, o: { url: string; include?: string[]; exclude?: string[]; schema?: string[]; json?: boolean }) => {
      const { diffSchemas, filterModel, formatDiff } = await services()
      const before = await readSnapshot(oldPath)
      const after = await load(o.url, o.schema, io)
      const diff = diffSchemas(filterModel(before, filterOf(o)), filterModel(after, filterOf(o)))
      io.out(o.json ? JSON.stringify(diff, null, 2) + '\n' : formatDiff(diff))
      io.setExitCode(diff.drift ? 1 : 0)
    })
  return docs
}

async function readSnapshot(path: string): Promise<SchemaModel> {
  const text = await readText(path, 'snapshot')
  const { parseSchemaModelJson } = await services()
  try {
    return parseSchemaModelJson(text)
  } catch (e) {
    throw new AppError('INVALID_INPUT', `${path} is not a schema.json written by querygenie docs --format json (${e instanceof SyntaxError ? e.message : 'it does not match the schema model'}).`)
  }
}

async function readNotes(path: string): Promise<DocNote[]> {
  const text = await readText(path, 'notes')
  try {
    return DocNote.array().parse(JSON.parse(text))
  } catch {
    throw new AppError('INVALID_INPUT', `${path} is not a notes.json (an array of { schema, table, column, note }).`)
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new AppError('NOT_FOUND', `Cannot read the ${what} file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}.`)
  }
}
