import type { TableFilter } from '../../../shared/contract/docs'
import { qualifiedName, type SchemaModel } from '../../../shared/schema-model'

/** `*` matches any run of characters, `?` one; matching is case-insensitive on `schema.table`. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

/**
 * Keeps the tables whose qualified name (or bare name) matches an include pattern (all when none given) and no
 * exclude pattern. Foreign keys to dropped tables stay in the model: generators show them as external.
 */
export function filterModel(model: SchemaModel, filter: TableFilter | undefined): SchemaModel {
  const include = (filter?.include ?? []).map(globToRegExp)
  const exclude = (filter?.exclude ?? []).map(globToRegExp)
  if (!include.length && !exclude.length) return model
  const matches = (res: RegExp[], q: string, n: string) => res.some((re) => re.test(q) || re.test(n))
  const tables = model.tables.filter((t) => {
    const q = qualifiedName(t)
    return (!include.length || matches(include, q, t.name)) && !matches(exclude, q, t.name)
  })
  return { ...model, tables }
}
