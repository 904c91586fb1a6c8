import type { SchemaModel, SchemaObjectRef } from '../../src/shared/schema-model'

/**
 * The model as the conformance files store it: the sandbox's random schema name becomes `$schema`,
 * and what legitimately varies run to run (time, fingerprint, database name, row estimates) is left out.
 */
export function comparable(model: SchemaModel, schema: string): unknown {
  const { fingerprint: _f, introspectedAt: _i, database: _d, ...rest } = model
  const json = JSON.stringify({ ...rest, tables: rest.tables.map(({ rowEstimate: _r, ...t }) => t) })
  return JSON.parse(json.split(JSON.stringify(schema).slice(1, -1)).join('$schema'))
}

/** Routines in the order they can be created: a macro or aggregate may use a function, a procedure may call one. */
const ROUTINE_ORDER = { function: 0, macro: 1, procedure: 2, aggregate: 3 } as const

/**
 * Every schema-level object of the model other than tables and views, for every engine, in two groups by when
 * generated DDL can create it: `beforeTables` what columns may use (enums, domains, composite types, sequences),
 * `afterTables` what uses tables (routines, then triggers). A sequence owned by a column (serial, identity) is
 * left out: its table's DDL creates it.
 */
export function schemaObjects(model: SchemaModel): { beforeTables: SchemaObjectRef[]; afterTables: SchemaObjectRef[] } {
  const ref = (kind: SchemaObjectRef['kind'], o: { schema: string; name: string }): SchemaObjectRef => ({ kind, schema: o.schema, name: o.name })
  const routines = [...model.routines].sort((a, b) => ROUTINE_ORDER[a.kind] - ROUTINE_ORDER[b.kind])
  return {
    beforeTables: [
      ...model.enums.map((e) => ref('enum', e)),
      ...model.domains.map((d) => ref('domain', d)),
      ...(model.types ?? []).map((t) => ref('type', t)),
      ...model.sequences.filter((s) => !s.ownedBy).map((s) => ref('sequence', s))
    ],
    afterTables: [
      ...routines.map((r) => ({ ...ref('routine', r), signature: r.signature })),
      ...model.tables.flatMap((t) => t.triggers.map((tr) => ({ kind: 'trigger' as const, schema: t.schema, name: tr.name, table: t.name })))
    ]
  }
}
