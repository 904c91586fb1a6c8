import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError, Option } from 'commander'
import { DocFormat, DocNote, type TableFilter } from '../shared/contract/docs'
import { AppError } from '../shared/errors'
import type { SchemaModel } from '../shared/schema-model'
import { diffSchemas, formatDiff } from '../main/services/docs/diff'
import { ensureWritableFolder, exportDocs } from '../main/services/docs/exporter'
import { filterModel } from '../main/services/docs/filter'
import { parseSchemaModelJson } from '../main/services/docs/json'
import { introspectUrl } from './introspect-url'

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Set the process exit code (drift → 1). */
  setExitCode(code: number): void
}

export type LoadModel = (url: string, schemas: string[] | undefined, io: CliIo) => Promise<SchemaModel>

const defaultLoad: LoadModel = (url, schemas, io) =>
  introspectUrl(url, { schemas, onProgress: (phase, done, total) => io.err(`  introspecting: ${phase}${done < total ? ` (${done + 1}/${total})` : ''}\n`) })

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
    .action(async (o: { url?: string; out: string; format: DocFormat[]; include?: string[]; exclude?: string[]; schema?: string[]; notes?: string; title?: string }) => {
      if (!o.url) docs.error("error: required option '--url <url>' not specified")
      const notes = o.notes ? await readNotes(o.notes) : []
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
        onProgress: (p) => {
          if (p.phase !== 'Writing files') io.err(`  ${p.phase}\n`)
        }
      })
      const tables = filterModel(model, filterOf(o)).tables.length
      if (!tables) io.err(`warning: no tables matched in database "${model.database}"; check --schema, --include and --exclude.\n`)
      io.out(`Wrote ${result.files.length} files for ${tables} tables to ${result.folder} in ${result.durationMs} ms\n`)
    })

  docs
    .command('diff')
    .description('Compare a schema.json from an earlier export with the live database; exits 1 when they differ')
    .argument('<old.json>', 'schema.json written by `querygenie docs --format json`')
    .requiredOption('--url <url>', 'database URL')
    .option('--include <glob>', 'only tables matching', list)
    .option('--exclude <glob>', 'skip tables matching', list)
    .option('--schema <name>', 'schemas (MySQL: databases) to read', list)
    .option('--json', 'print the diff as JSON')
    .action(async (oldPath: string, o: { url: string; include?: string[]; exclude?: string[]; schema?: string[]; json?: boolean }) => {
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
