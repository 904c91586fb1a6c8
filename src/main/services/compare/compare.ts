import type { CompareObject } from '../../../shared/contract/compare'
import { qualifiedName, type SchemaModel, type SchemaObjectRef } from '../../../shared/schema-model'
import { diffSchemas, type ObjectChange } from '../docs/diff'
import { generateDdl, generateObjectDdl } from '../engines'
import { onlySchema, renameSchema } from './align'

export interface AlignedPair {
  left: SchemaModel
  /** The right side renamed into the left side's schema, so that names line up and its DDL targets the left. */
  right: SchemaModel
}

/** Both sides restricted to one schema each (the default unless named), the right renamed into the left's. */
export function alignModels(left: SchemaModel, right: SchemaModel, schemas: { left?: string; right?: string } = {}): AlignedPair {
  const ls = schemas.left ?? left.defaultSchema
  const rs = schemas.right ?? right.defaultSchema
  return { left: onlySchema(left, ls), right: renameSchema(onlySchema(right, rs), rs, ls) }
}

/**
 * The differences between two aligned models over every object kind (the same comparison `docs diff` makes), each
 * with its DDL on both sides from the engines' DDL generators.
 */
export function compareModels(pair: AlignedPair): { summary: { added: number; removed: number; changed: number }; objects: CompareObject[] } {
  const diff = diffSchemas(pair.left, pair.right)
  return { summary: diff.summary, objects: diff.objects.map((o) => ({ ...o, leftDdl: ddlOf(pair.left, o), rightDdl: ddlOf(pair.right, o) })) }
}

const OBJECT_KINDS: Partial<Record<ObjectChange['object'], SchemaObjectRef['kind']>> = {
  routine: 'routine',
  sequence: 'sequence',
  enum: 'enum',
  domain: 'domain',
  type: 'type'
}

function ddlOf(model: SchemaModel, o: ObjectChange): string | null {
  const table = model.tables.find((t) => qualifiedName(t) === o.name)
  if (table) return generateDdl(model.dialect, table)
  const kind = OBJECT_KINDS[o.object]
  if (!kind) return null
  if (kind === 'routine') {
    const r = model.routines.find((x) => qualifiedName({ schema: x.schema, name: x.signature || x.name }) === o.name)
    return r ? generateObjectDdl(model.dialect, model, { kind, schema: r.schema, name: r.name, signature: r.signature }) : null
  }
  const list: { schema: string; name: string }[] = kind === 'sequence' ? model.sequences : kind === 'enum' ? model.enums : kind === 'domain' ? model.domains : model.types ?? []
  const x = list.find((y) => qualifiedName(y) === o.name)
  return x ? generateObjectDdl(model.dialect, model, { kind, schema: x.schema, name: x.name }) : null
}
