import { beforeAll, describe, expect, it } from 'vitest'
import { CompletionIndex } from '../../src/shared/completion/schema-index'
import type { SchemaModel } from '../../src/shared/schema-model'
import { ranked, run, top } from './cursor'
import { sampleModel } from './models'

/** [editor text with `|` at the cursor, the labels completion must rank first, in that order]. */
type Case = [string, string[]]

/** Positions where every dialect ranks the same. */
const COMMON: Case[] = [
  ['|', ['SELECT', 'WITH', 'INSERT INTO', 'UPDATE', 'DELETE FROM']],
  ['sel|', ['SELECT']],
  ['SELECT * FROM customers c |', ['WHERE', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'RIGHT JOIN']],
  ['SELECT * FROM customers |', ['WHERE', 'JOIN', 'LEFT JOIN']],
  ['SELECT * FROM customers c w|', ['WHERE', 'WHEN', 'WITH']],
  ['SELECT * FROM customers c g|', ['GROUP BY', 'GROUP']],
  ['SELECT * FROM customers c o|', ['ORDER BY', 'OR']],
  ['SELECT * FROM customers c GROUP |', ['BY']],
  ['SELECT * FROM customers c GROUP b|', ['BY', 'BETWEEN', 'BEGIN']],
  ['SELECT * FROM customers c ORDER |', ['BY']],
  ['SELECT * FROM customers c LEFT |', ['JOIN', 'OUTER JOIN']],
  ['SELECT * FROM customers c INNER |', ['JOIN']],
  ['SELECT * FROM customers c WHERE c.email = \'x\' |', ['AND', 'OR', 'GROUP BY', 'ORDER BY']],
  ['SELECT * FROM customers c WHERE c.email = \'x\' o|', ['OR', 'ORDER BY']],
  ['SELECT * FROM customers c WHERE c.customer_id IN (1, 2) |', ['AND', 'OR', 'GROUP BY', 'ORDER BY']],
  ['SELECT * FROM customers c WHERE c.email IS NULL |', ['AND', 'OR', 'GROUP BY', 'ORDER BY']],
  ['SELECT * FROM customers c WHERE c.email |', ['IS NULL', 'IS NOT NULL', 'IN', 'LIKE', 'BETWEEN']],
  ['SELECT * FROM customers c WHERE c.email IS |', ['NULL', 'NOT NULL']],
  ['SELECT * FROM customers c WHERE c.email IS NOT |', ['NULL']],
  ['SELECT * FROM customers c WHERE c.email NOT |', ['IN', 'LIKE', 'BETWEEN']],
  ['SELECT * FROM customers c WHERE c.customer_id BETWEEN 1 |', ['AND']],
  ['SELECT * FROM customers c WHERE c.customer_id BETWEEN 1 AND 9 |', ['AND', 'OR']],
  ['SELECT * FROM customers c WHERE |', ['customer_id', 'first_name', 'last_name']],
  ['SELECT | FROM customers', ['customer_id', 'first_name', 'last_name']],
  ['SELECT first_name |FROM customers', ['FROM', 'AS']],
  ['SELECT first_name AS n |', ['FROM']],
  ['SELECT count(*) |', ['FROM', 'AS']],
  ['SELECT * FROM orders o JOIN customers c |', ['ON c.customer_id = o.customer_id', 'ON', 'USING', 'WHERE']],
  ['SELECT * FROM orders o JOIN customers c ON c.customer_id = o.customer_id |', ['AND', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'WHERE']],
  ['SELECT city, count(*) FROM customers c GROUP BY city |', ['HAVING', 'ORDER BY', 'LIMIT']],
  ['SELECT city FROM stores GROUP BY city HAVING count(*) > 1 |', ['AND', 'OR', 'ORDER BY', 'LIMIT']],
  ['SELECT * FROM customers ORDER BY email |', ['ASC', 'DESC', 'LIMIT']],
  ['SELECT * FROM customers LIMIT 10 |', ['OFFSET']],
  ['SELECT CASE |', ['WHEN']],
  ['SELECT CASE WHEN loyalty_tier = 1 |', ['THEN', 'AND', 'OR']],
  ['SELECT CASE WHEN loyalty_tier = 1 THEN \'gold\' |', ['WHEN', 'ELSE', 'END']],
  ['SELECT CASE WHEN loyalty_tier = 1 THEN \'gold\' ELSE \'x\' |', ['END']],
  ['SELECT CASE WHEN loyalty_tier = 1 THEN \'gold\' END |', ['FROM', 'AS']],
  ['SELECT rank() OVER (|', ['PARTITION BY', 'ORDER BY']],
  ['SELECT rank() OVER (PARTITION BY city |', ['ORDER BY']],
  ['SELECT * FROM customers WHERE customer_id IN (SELECT customer_id FROM orders |)', ['WHERE', 'JOIN']],
  ['SELECT * FROM customers UNION |', ['SELECT', 'ALL']],
  ['UPDATE customers |', ['SET']],
  ['UPDATE customers SET email = \'x\' |', ['WHERE']],
  ['INSERT |', ['INTO']],
  ['INSERT INTO customers |', ['VALUES', 'SELECT']],
  ['INSERT INTO customers (first_name, email) |', ['VALUES', 'SELECT']],
  ['DELETE |', ['FROM']],
  ['DELETE FROM customers |', ['WHERE']],
  ['CREATE |', ['TABLE', 'VIEW', 'INDEX']]
]

/** Where the engines differ: their own keywords (LIMIT, ILIKE, NULLS, RETURNING, ON DUPLICATE KEY UPDATE). */
const BY_DIALECT: Record<'sqlite' | 'postgres' | 'mysql', Case[]> = {
  sqlite: [
    ['SELECT * FROM customers c WHERE c.email |', ['IS NULL', 'IS NOT NULL', 'IN', 'LIKE', 'BETWEEN', 'NOT IN']],
    ['SELECT * FROM customers c |', ['WHERE', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'CROSS JOIN', 'GROUP BY', 'ORDER BY', 'LIMIT']],
    ['SELECT * FROM customers ORDER BY email DESC |', ['LIMIT', 'OFFSET']],
    ['UPDATE customers SET email = \'x\' |', ['WHERE', 'RETURNING']],
    ['|', ['SELECT', 'WITH', 'INSERT INTO', 'UPDATE', 'DELETE FROM', 'EXPLAIN', 'CREATE', 'ALTER', 'DROP', 'PRAGMA']],
    ['INSERT INTO customers VALUES (1) |', ['RETURNING', 'ON CONFLICT']]
  ],
  postgres: [
    ['SELECT * FROM customers c WHERE c.email |', ['IS NULL', 'IS NOT NULL', 'IN', 'LIKE', 'BETWEEN', 'ILIKE']],
    ['SELECT * FROM customers c |', ['WHERE', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'CROSS JOIN', 'GROUP BY', 'ORDER BY', 'LIMIT']],
    ['SELECT * FROM customers ORDER BY email |', ['ASC', 'DESC', 'LIMIT', 'NULLS FIRST', 'NULLS LAST']],
    ['SELECT * FROM customers ORDER BY email DESC |', ['LIMIT', 'NULLS LAST', 'NULLS FIRST', 'OFFSET']],
    ['SELECT * FROM customers ORDER BY email NULLS |', ['FIRST', 'LAST']],
    ['DELETE FROM customers |', ['WHERE', 'USING', 'RETURNING']],
    ['INSERT INTO customers VALUES (1) |', ['RETURNING', 'ON CONFLICT']],
    ['WITH |', ['RECURSIVE']]
  ],
  mysql: [
    ['SELECT * FROM customers c WHERE c.email |', ['IS NULL', 'IS NOT NULL', 'IN', 'LIKE', 'BETWEEN', 'NOT IN']],
    ['SELECT * FROM customers ORDER BY email |', ['ASC', 'DESC', 'LIMIT', 'OFFSET']],
    ['SELECT * FROM customers ORDER BY email DESC |', ['LIMIT', 'OFFSET']],
    ['UPDATE customers SET email = \'x\' |', ['WHERE', 'customer_id']],
    ['|', ['SELECT', 'WITH', 'INSERT INTO', 'UPDATE', 'DELETE FROM', 'EXPLAIN', 'CREATE', 'ALTER', 'DROP', 'SHOW', 'DESCRIBE']],
    ['INSERT INTO customers VALUES (1) |', ['ON DUPLICATE KEY UPDATE']]
  ]
}

/** Keywords that cannot follow at these positions: they may be offered, but never near the top. */
const NOT_ON_TOP: Case[] = [
  ['SELECT * FROM customers c |', ['WHEN', 'BEGIN', 'BETWEEN', 'THEN', 'SELECT', 'BY']],
  ['SELECT * FROM customers c WHERE c.email = \'x\' |', ['WHEN', 'WHERE', 'BEGIN', 'BY']],
  ['SELECT * FROM customers c GROUP |', ['BETWEEN', 'BEGIN', 'customer_id']],
  ['SELECT * FROM customers c WHERE |', ['BEGIN', 'WHEN', 'WHERE', 'BY']]
]

describe.each(['sqlite', 'postgres', 'mysql'] as const)('completion ranking in %s', (dialect) => {
  let index: CompletionIndex
  beforeAll(async () => {
    const model: SchemaModel = await sampleModel()
    index = new CompletionIndex({ ...model, dialect })
  })

  it.each([...COMMON, ...BY_DIALECT[dialect]])('%s', (text, expected) => {
    expect(top(index, text, expected.length)).toEqual(expected)
  })

  it.each(NOT_ON_TOP)('keeps unfitting words off the top at %s', (text, words) => {
    const first = top(index, text, 8)
    for (const w of words) expect(first).not.toContain(w)
  })

  it('leaves columns and functions out where only a keyword can follow', () => {
    for (const text of ['SELECT * FROM customers c GROUP |', 'SELECT * FROM customers c WHERE c.email IS |', 'INSERT |']) {
      const kinds = new Set(run(index, text).items.map((i) => i.kind))
      expect(kinds).toEqual(new Set(['keyword']))
    }
  })

  it('still offers every keyword, below the fitting ones', () => {
    const items = ranked(run(index, 'SELECT * FROM customers c |').items)
    const labels = items.map((i) => i.label)
    expect(labels).toContain('BEGIN')
    expect(labels.indexOf('WHERE')).toBeLessThan(labels.indexOf('WHEN'))
    expect(labels.indexOf('GROUP BY')).toBeLessThan(labels.indexOf('BETWEEN'))
    // A fitting keyword is not listed twice.
    expect(labels.filter((l) => l === 'WHERE')).toHaveLength(1)
  })
})

describe('completion ranking in SQL Server', () => {
  it('offers no LIMIT, NULLS or RETURNING, which the engine lacks', async () => {
    const index = new CompletionIndex({ ...(await sampleModel()), dialect: 'mssql' })
    expect(top(index, 'SELECT * FROM customers ORDER BY email |', 3)).toEqual(['ASC', 'DESC', 'OFFSET'])
    expect(top(index, 'SELECT |', 3)).toContain('* FROM addresses')
    expect(run(index, 'SELECT * FROM customers c |').items.map((i) => i.label)).not.toContain('LIMIT')
  })
})
