import { describe, expect, it } from 'vitest'
import { explainedStatement } from './explained-statement'

describe('explainedStatement', () => {
  it('takes the statement out of the EXPLAIN forms of each engine', () => {
    expect(explainedStatement('EXPLAIN SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
    expect(explainedStatement('explain analyze select * from t;')).toEqual({ sql: 'select * from t', analyze: true })
    expect(explainedStatement('EXPLAIN ANALYZE VERBOSE SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: true })
    expect(explainedStatement('EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)\n  SELECT (1)')).toEqual({ sql: 'SELECT (1)', analyze: true })
    expect(explainedStatement('EXPLAIN (ANALYZE false, COSTS) SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
    expect(explainedStatement('EXPLAIN (FORMAT JSON) SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
    expect(explainedStatement('EXPLAIN FORMAT=JSON SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
    expect(explainedStatement('EXPLAIN ANALYZE FORMAT = TREE SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: true })
    expect(explainedStatement('EXPLAIN QUERY PLAN SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
    expect(explainedStatement('-- why slow\n/* c */ EXPLAIN SELECT 1')).toEqual({ sql: 'SELECT 1', analyze: false })
  })

  it('is null for anything else', () => {
    expect(explainedStatement('SELECT 1')).toBeNull()
    expect(explainedStatement('EXPLAINED')).toBeNull()
    expect(explainedStatement('EXPLAIN')).toBeNull()
    expect(explainedStatement('EXPLAIN (ANALYZE SELECT 1')).toBeNull()
  })
})
