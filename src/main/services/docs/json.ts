import { z } from 'zod'
import { DocNote, LintFinding } from '../../../shared/contract/docs'
import { SchemaModel } from '../../../shared/schema-model'
import type { DocSite } from './doc-site'

export const SCHEMA_MODEL_JSON = 'schema.json'
export const SCHEMA_MODEL_JSON_SCHEMA = 'schema-model.schema.json'

/** The normalized model exactly as documented (after include/exclude), tables in a stable order. */
export function schemaModelJson(site: DocSite): string {
  return JSON.stringify({ ...site.model, tables: site.tables }, null, 2) + '\n'
}

/** The published JSON Schema of schema.json, generated from the zod model so the two cannot drift apart. */
export function schemaModelJsonSchema(): string {
  const schema = z.toJSONSchema(SchemaModel, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>
  return JSON.stringify({ ...schema, $id: 'https://querygenie.dev/schemas/schema-model.json', title: 'QueryGenie schema model' }, null, 2) + '\n'
}

export function lintJson(findings: LintFinding[]): string {
  return JSON.stringify(z.array(LintFinding).parse(findings), null, 2) + '\n'
}

export function notesJson(notes: DocNote[]): string {
  return JSON.stringify(notes, null, 2) + '\n'
}

/** Reads a schema.json written by an earlier export (for `docs diff`); throws zod's error on a bad file. */
export function parseSchemaModelJson(text: string): SchemaModel {
  return SchemaModel.parse(JSON.parse(text))
}
