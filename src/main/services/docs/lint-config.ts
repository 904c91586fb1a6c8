import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { LintRule, LintSeverity } from '../../../shared/contract/docs'
import { AppError } from '../../../shared/errors'

/**
 * Lint configuration, read from `.querygenie-lint.json` (the whole file) or from the `lint` key of
 * `querygenie.config.json`, in the CLI's working directory, or from `--lint-config <file>` (either shape).
 *
 *   {
 *     "rules": { "missing-column-comment": "warning", "no-relations": "off",
 *                "too-many-columns": { "severity": "error", "max": 40, "exclude": ["legacy.*"] } },
 *     "exclude": ["audit.*", "*_tmp"],             // tables no rule reports on (globs on schema.table or table)
 *     "naming": { "table": "^[a-z][a-z0-9_]*$", "column": "^[a-z][a-z0-9_]*$" }
 *   }
 */
export const LINT_CONFIG_FILES = ['.querygenie-lint.json', 'querygenie.config.json'] as const

export const RuleSetting = z.union([
  LintSeverity.or(z.literal('off')),
  z
    .object({
      severity: LintSeverity.or(z.literal('off')).optional(),
      /** too-many-columns / too-many-indexes: the limit. */
      max: z.number().int().positive().optional(),
      /** Tables this rule does not report on. */
      exclude: z.array(z.string().min(1)).optional()
    })
    .strict()
])
export type RuleSetting = z.infer<typeof RuleSetting>

const regex = z.string().refine(
  (s) => {
    try {
      new RegExp(s)
      return true
    } catch {
      return false
    }
  },
  { message: 'not a valid regular expression' }
)

export const LintConfig = z
  .object({
    $schema: z.string().optional(),
    rules: z.partialRecord(LintRule, RuleSetting).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    naming: z.object({ table: regex.optional(), column: regex.optional() }).strict().optional()
  })
  .strict()
export type LintConfig = z.infer<typeof LintConfig>

/** Parses a config file's text: a lint config, or a querygenie.config.json with one under `lint`. */
export function parseLintConfig(text: string, path: string): LintConfig {
  let json: Record<string, unknown> | unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new AppError('INVALID_INPUT', `${path} is not valid JSON (${(e as Error).message}).`)
  }
  // querygenie.config.json (or any file with a top-level `lint` object) holds the lint config under `lint`.
  const nested = isObject(json) && (path.endsWith('querygenie.config.json') || isObject(json.lint))
  const body = nested ? ((json as Record<string, unknown>).lint ?? {}) : json
  const r = LintConfig.safeParse(body)
  if (!r.success) {
    const issue = r.error.issues[0]
    const where = issue.path.length ? issue.path.join('.') : 'the file'
    throw new AppError('INVALID_INPUT', `${path}: ${where}: ${issue.message}.`)
  }
  return r.data
}

/** Reads `--lint-config <file>`, or else the first config file in `dir`; none found → the defaults ({}). */
export async function loadLintConfig(explicit: string | undefined, dir: string): Promise<{ config: LintConfig; path: string | null }> {
  if (explicit) {
    const text = await readFile(explicit, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new AppError('NOT_FOUND', `Cannot read the lint config ${explicit}: ${e.code === 'ENOENT' ? 'no such file' : e.message}.`)
    })
    return { config: parseLintConfig(text, explicit), path: explicit }
  }
  for (const name of LINT_CONFIG_FILES) {
    const path = join(dir, name)
    const text = await readFile(path, 'utf8').catch(() => null)
    if (text === null) continue
    return { config: parseLintConfig(text, path), path }
  }
  return { config: {}, path: null }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
