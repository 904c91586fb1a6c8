import type { SchemaModel } from '../../src/shared/schema-model'

/**
 * The model as the conformance files store it: the sandbox's random schema name becomes `$schema`,
 * and what legitimately varies run to run (time, fingerprint, database name, row estimates) is left out.
 */
export function comparable(model: SchemaModel, schema: string): unknown {
  const { fingerprint: _f, introspectedAt: _i, database: _d, ...rest } = model
  const json = JSON.stringify({ ...rest, tables: rest.tables.map(({ rowEstimate: _r, ...t }) => t) })
  return JSON.parse(json.split(JSON.stringify(schema).slice(1, -1)).join('$schema'))
}
