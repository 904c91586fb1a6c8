import { z } from 'zod'
import { call, Id } from './define'
import { GrantToken } from './dialogs'

/**
 * A user note (and/or an AI-written description) on a table or, with `column`, on one of its columns.
 * Notes live in the local store, never in the database. AI descriptions are written by the AI area's `describe`
 * task; the docs show them marked as such and never in place of a real database comment.
 */
export const DocNote = z.object({
  schema: z.string().max(500),
  table: z.string().max(500),
  column: z.string().max(500).nullable().default(null),
  note: z.string().max(50_000).nullable().default(null),
  aiDescription: z.string().max(50_000).nullable().default(null),
  updatedAt: z.string().optional()
})
export type DocNote = z.infer<typeof DocNote>

export const DocFormat = z.enum(['md', 'html', 'json', 'mermaid', 'dbml'])
export type DocFormat = z.infer<typeof DocFormat>

export const LintSeverity = z.enum(['error', 'warning', 'info'])
/** Rule ids; defaults, messages and configuration are in src/main/services/docs/lint.ts (LINT_RULES). */
export const LintRule = z.enum([
  'no-primary-key',
  'unindexed-foreign-key',
  'duplicate-index',
  'redundant-index',
  'duplicate-foreign-key',
  'foreign-key-type-mismatch',
  'nullable-foreign-key',
  'missing-table-comment',
  'missing-column-comment',
  'table-naming',
  'column-naming',
  'reserved-word',
  'too-many-columns',
  'too-many-indexes',
  'no-relations',
  'varchar-without-length',
  'boolean-name-not-boolean',
  'object-error'
])
export type LintRule = z.infer<typeof LintRule>
export const LintFinding = z.object({
  rule: LintRule,
  severity: LintSeverity,
  /** Qualified table name (`schema.table`); object-error: the object's qualified name. */
  table: z.string(),
  columns: z.array(z.string()).optional(),
  message: z.string()
})
export type LintFinding = z.infer<typeof LintFinding>

/** Glob patterns on qualified names (`public.*`, `*.audit_*`); `*` matches anything, `?` one character. */
export const TableFilter = z.object({
  include: z.array(z.string().min(1).max(500)).max(200).optional(),
  exclude: z.array(z.string().min(1).max(500)).max(200).optional()
})
export type TableFilter = z.infer<typeof TableFilter>

export const DocsProgress = z.object({
  exportId: Id,
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int()
})
export type DocsProgress = z.infer<typeof DocsProgress>

export const docsCalls = {
  'docs.notes.get': call(z.object({ connectionId: Id }).strict(), z.object({ notes: z.array(DocNote) })),
  /** Sets the user's note on a table (or, with `column`, a column); an empty or null note removes it. */
  'docs.notes.set': call(
    z
      .object({
        connectionId: Id,
        schema: z.string().max(500),
        table: z.string().min(1).max(500),
        column: z.string().max(500).nullable().optional(),
        note: z.string().max(50_000).nullable()
      })
      .strict(),
    z.object({ note: DocNote.nullable() })
  ),
  /** One table's page as Markdown or as an HTML fragment, with the connection's notes applied. */
  'docs.preview': call(
    z.object({ connectionId: Id, schema: z.string().max(500), table: z.string().min(1).max(500), format: z.enum(['markdown', 'html']) }).strict(),
    z.object({ content: z.string() })
  ),
  /**
   * Writes the chosen formats; progress arrives as `docs.progress` events carrying `exportId`. Desktop: `grant`
   * from `dialogs.chooseFolder` names the folder. Web mode: `folder` is a folder name inside the data folder's
   * exports area; full paths are refused.
   */
  'docs.export': call(
    z
      .object({
        connectionId: Id,
        exportId: Id.optional(),
        folder: z.string().min(1, 'Choose a folder').max(4096).optional(),
        grant: GrantToken.optional(),
        formats: z.array(DocFormat).min(1, 'Choose at least one format').max(DocFormat.options.length * 2),
        filter: TableFilter.optional(),
        title: z.string().max(300).optional()
      })
      .strict(),
    z.object({ exportId: Id, folder: z.string(), files: z.array(z.string()), durationMs: z.number() })
  ),
  'docs.lint': call(z.object({ connectionId: Id, filter: TableFilter.optional() }).strict(), z.object({ findings: z.array(LintFinding) }))
}

export const docsEvents = {
  'docs.progress': DocsProgress
}
