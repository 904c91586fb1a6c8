/** One node of libpg-query's JSON tree: its type (`SelectStmt`, `FuncCall`...) and its fields. */
export interface AstNode {
  type: string
  fields: Record<string, unknown>
}

/**
 * Fields that hold a node without the `{ Type: {...} }` wrapper, so their type comes from the parent's schema.
 * (A UNION's arms are bare SelectStmts: a SELECT INTO or FOR UPDATE hides in them.)
 */
const bareNodeFields: Readonly<Record<string, string>> = {
  'SelectStmt.larg': 'SelectStmt',
  'SelectStmt.rarg': 'SelectStmt',
  'CallStmt.funccall': 'FuncCall',
  'PLAssignStmt.val': 'SelectStmt'
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Node type names are PascalCase; field names never are. */
const isNodeType = (key: string): boolean => /^[A-Z]/.test(key)

/** Every node below `fields` (a node of type `owner`), at any depth: CTEs, subqueries, function arguments, options. */
export function nodesBelow(owner: string, fields: Record<string, unknown>): AstNode[] {
  const out: AstNode[] = []
  const visit = (value: unknown, ownerType: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, ownerType)
      return
    }
    if (!isRecord(value)) return
    for (const [key, child] of Object.entries(value)) {
      const type = isNodeType(key) ? key : bareNodeFields[`${ownerType}.${key}`]
      if (type && isRecord(child)) {
        out.push({ type, fields: child })
        visit(child, type)
      } else {
        visit(child, ownerType)
      }
    }
  }
  visit(fields, owner)
  return out
}

/** A wrapped node (`{ SelectStmt: {...} }`) as type and fields; undefined for anything else. */
export function unwrap(node: unknown): AstNode | undefined {
  if (!isRecord(node)) return undefined
  const [type, fields] = Object.entries(node)[0] ?? []
  return type && isNodeType(type) && isRecord(fields) ? { type, fields } : undefined
}

/** The `sval`s of a name list (`[{ String: { sval: 'pg_catalog' } }, { String: { sval: 'now' } }]`). */
export function nameParts(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  return list.map((item) => {
    const node = unwrap(item)
    return node?.type === 'String' && typeof node.fields.sval === 'string' ? node.fields.sval : ''
  })
}
