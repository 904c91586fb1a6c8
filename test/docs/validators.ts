import { Parser } from '@dbml/core'
import mermaid from 'mermaid'

/** Parses Mermaid text with the real Mermaid parser (no DOM needed for `parse`); throws on a syntax error. */
export async function parseMermaid(text: string): Promise<string> {
  const result = await mermaid.parse(text)
  if (!result) throw new Error('mermaid.parse returned false')
  return result.diagramType
}

/** Parses DBML with @dbml/core; returns table names per schema or throws with the parser's diagnostics. */
export function parseDbml(text: string): Record<string, string[]> {
  try {
    const db = new Parser().parse(text, 'dbmlv2')
    return Object.fromEntries(db.schemas.map((s) => [s.name, s.tables.map((t) => t.name)]))
  } catch (e) {
    const diags = (e as { diags?: { message: string; location?: { start?: { line: number } } }[] }).diags
    if (diags) throw new Error(diags.map((d) => `line ${d.location?.start?.line}: ${d.message}`).join('\n'))
    throw e
  }
}

/** Every ```mermaid block of a Markdown page. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})mermaid\n([\s\S]*?)\n\1$/gm)].map((m) => m[2])
}
