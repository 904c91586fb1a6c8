import { COPY_MARKERS } from './rank'
import { splitWords, stem } from './words'
import { nameOfKey, schemaOfKey } from './table-key'

/**
 * The live table a copy was made from, by warehouse naming habits: copy markers in the schema or name (`stg_hr`,
 * `hr_archive`, `orders_bak`) and year suffixes (`orders_2021`) removed. `undefined` when the key has no such mark.
 */
export function originalOf(key: string): string | undefined {
  const [schema, name] = [schemaOfKey(key), nameOfKey(key)]
  const keep = (part: string) => !COPY_MARKERS.has(stem(part.toLowerCase())) && !/^(19|20)\d\d$/.test(part)
  const parts = (text: string) => text.split('_').filter(Boolean)
  const liveSchema = parts(schema).filter(keep).join('_')
  const liveName = parts(name).filter(keep).join('_')
  if (!liveName || (liveSchema === schema && liveName === name)) return undefined
  if (splitWords(liveName).length === 0) return undefined
  return liveSchema ? `${liveSchema}.${liveName}` : liveName
}

/**
 * A copy adds nothing to a prompt its original is already in: such copies move behind the first `top` tables,
 * making room for tables the question may still need. A copy whose original is not ranked stays where it is.
 */
export function copiesYieldToOriginals<T extends { key: string }>(ranked: T[], top: number): T[] {
  const head: T[] = []
  const yielded: T[] = []
  const seen = new Set<string>()
  for (const r of ranked) {
    const original = originalOf(r.key)
    if (original && seen.has(original) && head.length < top) yielded.push(r)
    else head.push(r)
    seen.add(r.key)
  }
  return [...head.slice(0, top), ...yielded, ...head.slice(top)]
}
