import type { Dialect } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import { qualifiedName, type SchemaModel } from '../../../../shared/schema-model'
import { compactChunk } from '../prompt/build-prompt'
import type { ChatMessage } from '../providers/types'

export const CURSOR = '<CURSOR>'
/** Enough for a join's tables; a completion needs names and columns, not the catalogue. */
const MAX_TABLES = 8

/** Every identifier of the text (quoted or not), lower-cased. */
function identifiers(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.matchAll(/"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*)/g)) out.add((m[1] ?? m[2] ?? m[3] ?? m[4]!).toLowerCase())
  return out
}

/** The tables the text names (by their own name), in schema order: the only schema a completion sends. */
export function tablesNamedIn(text: string, schema: SchemaModel): SchemaModel['tables'] {
  const words = identifiers(text)
  return schema.tables.filter((t) => words.has(t.name.toLowerCase())).slice(0, MAX_TABLES)
}

export interface CompletePromptInput {
  dialect: Dialect
  textBefore: string
  textAfter: string
  tables: SchemaModel['tables']
}

export function buildCompletePrompt(p: CompletePromptInput): { system: string; messages: ChatMessage[] } {
  const dialect = factsOf(p.dialect).promptName
  const system =
    `You are the SQL autocomplete of QueryGenie, a database workbench. The database is ${dialect}. ` +
    `Continue the user's SQL exactly at ${CURSOR}. Reply with only the text to insert there: no explanation, no code fence, ` +
    `do not repeat the text before ${CURSOR}. Finish at most the current statement; an empty reply is fine when nothing fits.`
  const schema = p.tables.length ? `Schema:\n${p.tables.map((t) => compactChunk(qualifiedName(t), t.columns)).join('\n')}\n\n` : ''
  return { system, messages: [{ role: 'user', content: `${schema}SQL:\n${p.textBefore}${CURSOR}${p.textAfter}` }] }
}
