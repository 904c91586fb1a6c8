import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/shared/plan'
import { paramsFromUrl } from '../conformance/engines'
import { allNodes, planSession } from './session'

const url = process.env.MSSQL_URL
if (!url) console.log('[plan] MSSQL_URL not set: skipping the SQL Server plan tests')

describe.skipIf(!url)('plans from SQL Server (showplan XML)', () => {
  let s: Awaited<ReturnType<typeof planSession>>

  beforeAll(async () => {
    s = await planSession('mssql', paramsFromUrl(url!))
  })

  afterAll(() => s?.session.close())

  const sql = `select o.name, count(*) as n from sys.objects o join sys.columns c on c.object_id = o.object_id
    group by o.name order by n desc`

  it('SHOWPLAN_XML and STATISTICS XML: operators, estimates, actual rows', async () => {
    const estimated = Plan.parse(await s.plan(sql))
    expect(estimated).toMatchObject({ engine: 'mssql', analyzed: false, rawFormat: 'xml' })
    const kinds = new Set(allNodes(estimated).map((n) => n.kind))
    for (const k of ['sort', 'aggregate', 'join']) expect(kinds, k).toContain(k)
    const actual = await s.plan(sql, true)
    expect(actual.analyzed).toBe(true)
    expect(allNodes(actual).some((n) => (n.actualRows ?? 0) > 0)).toBe(true)
  })
})
