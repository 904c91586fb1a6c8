import { describe, expect, it } from 'vitest'
import { misestimates } from '../misestimates'
import { Plan } from '../model'
import { walkPlan } from '../walk'
import { parseMysqlJsonPlan, parseMysqlTreePlan } from './mysql'

/**
 * MySQL 8 shapes, from the MySQL reference manual's examples: not checked against a MySQL 8 server here (the test
 * server is MariaDB 10.11, whose plans the integration tests parse).
 */
describe('MySQL 8 plans (documented shapes)', () => {
  it('EXPLAIN ANALYZE tree text: nesting, estimates, actual rows, loops and times', () => {
    const text = [
      '-> Table scan on <temporary>  (actual time=0.001..0.001 rows=3 loops=1)',
      '    -> Aggregate using temporary table  (actual time=0.056..0.056 rows=3 loops=1)',
      '        -> Nested loop inner join  (cost=1.05 rows=2) (actual time=0.024..0.040 rows=6 loops=1)',
      '            -> Table scan on t2  (cost=0.45 rows=2) (actual time=0.009..0.013 rows=3 loops=1)',
      '            -> Index lookup on t1 using idx_c1 (c1=t2.c2)  (cost=0.25 rows=1) (actual time=0.007..0.010 rows=2 loops=3)'
    ].join('\n')
    const plan = Plan.parse(parseMysqlTreePlan(text))
    expect(plan.analyzed).toBe(true)
    const nodes = [...walkPlan(plan.root)]
    expect(nodes.map((v) => [v.depth, v.node.kind])).toEqual([
      [0, 'scan'],
      [1, 'aggregate'],
      [2, 'join'],
      [3, 'scan'],
      [3, 'index-scan']
    ])
    expect(nodes[4]!.node).toMatchObject({ relation: 't1', index: 'idx_c1', estimatedRows: 1, actualRows: 2, loops: 3, totalCost: 0.25 })
    expect(nodes[4]!.node.timeMs).toBeCloseTo(0.03)
    expect(misestimates(plan)).toEqual([])
  })

  it('FORMAT=TREE without ANALYZE has estimates only', () => {
    const plan = parseMysqlTreePlan('-> Filter: (t.a > 1)  (cost=1.25 rows=3)\n    -> Table scan on t  (cost=1.25 rows=10)')
    expect(plan.analyzed).toBe(false)
    expect(plan.root).toMatchObject({ kind: 'filter', estimatedRows: 3, children: [{ kind: 'scan', relation: 't', estimatedRows: 10 }] })
  })

  it('EXPLAIN FORMAT=JSON (version 1): query cost, rows examined and filtered', () => {
    const json = {
      query_block: {
        select_id: 1,
        cost_info: { query_cost: '1.20' },
        nested_loop: [
          {
            table: {
              table_name: 't2',
              access_type: 'ALL',
              rows_examined_per_scan: 3,
              rows_produced_per_join: 3,
              filtered: '100.00',
              cost_info: { read_cost: '0.25', eval_cost: '0.30', prefix_cost: '0.55', data_read_per_join: '48' },
              attached_condition: '(`test`.`t2`.`c2` is not null)'
            }
          },
          {
            table: {
              table_name: 't1',
              access_type: 'ref',
              key: 'idx_c1',
              ref: ['test.t2.c2'],
              rows_examined_per_scan: 4,
              rows_produced_per_join: 3,
              filtered: '25.00',
              cost_info: { read_cost: '0.30', eval_cost: '0.30', prefix_cost: '1.20', data_read_per_join: '48' }
            }
          }
        ]
      }
    }
    const plan = parseMysqlJsonPlan(JSON.stringify(json), false)
    expect(plan.root).toMatchObject({ operation: 'Query block #1', totalCost: 1.2 })
    const [join] = plan.root.children
    expect(join).toMatchObject({ kind: 'join', operation: 'Nested loop' })
    expect(join!.children[0]).toMatchObject({ kind: 'scan', relation: 't2', estimatedRows: 3, conditions: [{ label: 'attached_condition' }] })
    expect(join!.children[1]).toMatchObject({ kind: 'index-scan', relation: 't1', index: 'idx_c1', estimatedRows: 1 })
    expect(join!.children[1]!.details).toContainEqual({ label: 'cost_info', text: expect.stringContaining('prefix_cost') })
  })
})
