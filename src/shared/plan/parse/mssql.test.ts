import { describe, expect, it } from 'vitest'
import { misestimates } from '../misestimates'
import { Plan } from '../model'
import { walkPlan } from '../walk'
import { parseMssqlPlan } from './mssql'
import { parseXmlElements } from './xml-elements'

/** A STATISTICS XML plan in the documented showplan schema (trimmed): not from a live server here. */
const showplan = `<?xml version="1.0" encoding="utf-16"?>
<ShowPlanXML xmlns="http://schemas.microsoft.com/sqlserver/2004/07/showplan" Version="1.564" Build="16.0.1000.6">
  <BatchSequence><Batch><Statements>
    <StmtSimple StatementText="select * from dbo.orders o join dbo.customers c on c.id = o.customer_id where o.amount &gt; 10" StatementId="1" StatementType="SELECT" StatementSubTreeCost="0.52" StatementEstRows="120">
      <StatementSetOptions ANSI_NULLS="true" QUOTED_IDENTIFIER="true" />
      <QueryPlan DegreeOfParallelism="1" CachedPlanSize="32" CompileTime="3" CompileCPU="3">
        <Warnings><PlanAffectingConvert ConvertIssue="Seek Plan" Expression="CONVERT(int,[o].[amount])" /></Warnings>
        <QueryTimeStats CpuTime="12" ElapsedTime="14" />
        <RelOp NodeId="0" PhysicalOp="Nested Loops" LogicalOp="Inner Join" EstimateRows="120" EstimateIO="0" EstimateCPU="0.0005" AvgRowSize="40" EstimatedTotalSubtreeCost="0.52" Parallel="0" EstimatedExecutionMode="Row">
          <OutputList />
          <RunTimeInformation><RunTimeCountersPerThread Thread="0" ActualRows="19000" ActualEndOfScans="1" ActualExecutions="1" ActualElapsedms="13" ActualCPUms="11" /></RunTimeInformation>
          <NestedLoops Optimized="0">
            <OuterReferences><ColumnReference Database="[test]" Schema="[dbo]" Table="[orders]" Alias="[o]" Column="customer_id" /></OuterReferences>
            <RelOp NodeId="1" PhysicalOp="Clustered Index Scan" LogicalOp="Clustered Index Scan" EstimateRows="120" EstimatedTotalSubtreeCost="0.2" Parallel="0">
              <OutputList />
              <RunTimeInformation><RunTimeCountersPerThread Thread="0" ActualRows="19000" ActualExecutions="1" ActualElapsedms="5" /></RunTimeInformation>
              <IndexScan Ordered="0" ForcedIndex="0">
                <DefinedValues />
                <Object Database="[test]" Schema="[dbo]" Table="[orders]" Index="[PK_orders]" Alias="[o]" IndexKind="Clustered" Storage="RowStore" />
                <Predicate><ScalarOperator ScalarString="[test].[dbo].[orders].[amount] as [o].[amount]&gt;(10)" /></Predicate>
              </IndexScan>
            </RelOp>
            <RelOp NodeId="2" PhysicalOp="Clustered Index Seek" LogicalOp="Clustered Index Seek" EstimateRows="1" EstimatedTotalSubtreeCost="0.3" Parallel="0">
              <OutputList />
              <RunTimeInformation><RunTimeCountersPerThread Thread="0" ActualRows="19000" ActualExecutions="19000" ActualElapsedms="6" /></RunTimeInformation>
              <IndexScan Ordered="1" ScanDirection="FORWARD">
                <Object Database="[test]" Schema="[dbo]" Table="[customers]" Index="[PK_customers]" Alias="[c]" />
                <SeekPredicates><SeekPredicateNew><SeekKeys><Prefix ScanType="EQ"><RangeColumns><ColumnReference Column="id" /></RangeColumns>
                  <RangeExpressions><ScalarOperator ScalarString="[test].[dbo].[orders].[customer_id] as [o].[customer_id]" /></RangeExpressions></Prefix></SeekKeys></SeekPredicateNew></SeekPredicates>
              </IndexScan>
            </RelOp>
          </NestedLoops>
        </RelOp>
      </QueryPlan>
    </StmtSimple>
  </Statements></Batch></BatchSequence>
</ShowPlanXML>`

describe('SQL Server showplan XML (documented schema)', () => {
  it('reads the elements and decodes attribute entities', () => {
    const doc = parseXmlElements('<?xml version="1.0"?><!-- c --><a x="1 &lt; 2 &amp;&#65;"><b/><c y=\'z\'></c></a>')
    expect(doc).toEqual({ name: 'a', attrs: { x: '1 < 2 &A' }, children: [{ name: 'b', attrs: {}, children: [] }, { name: 'c', attrs: { y: 'z' }, children: [] }] })
  })

  it('builds the operator tree with relations, indexes, estimates, actual figures and conditions', () => {
    const plan = Plan.parse(parseMssqlPlan(showplan))
    expect(plan).toMatchObject({ engine: 'mssql', analyzed: true, planningMs: 3, executionMs: 14, rawFormat: 'xml' })
    const nodes = [...walkPlan(plan.root)].map((v) => v.node)
    expect(nodes.map((n) => [n.operation, n.kind])).toEqual([
      ['Nested Loops (Inner Join)', 'join'],
      ['Clustered Index Scan', 'scan'],
      ['Clustered Index Seek', 'index-scan']
    ])
    expect(nodes[1]).toMatchObject({ relation: 'dbo.orders', index: 'PK_orders', estimatedRows: 120, actualRows: 19000, loops: 1, timeMs: 5 })
    expect(nodes[1]!.conditions).toEqual([{ label: 'Predicate', text: '[test].[dbo].[orders].[amount] as [o].[amount]>(10)' }])
    expect(nodes[2]).toMatchObject({ relation: 'dbo.customers', estimatedRows: 1, actualRows: 1, loops: 19000 })
    expect(nodes[2]!.conditions[0]!.label).toBe('Seek Predicate')
    expect(plan.notes[0]).toMatch(/^PlanAffectingConvert/)
    expect(plan.settings).toContainEqual({ label: 'ANSI_NULLS', text: 'true' })
    // 120 estimated, 19,000 found: the scan and the join are flagged; the seek (1 per loop) is not
    expect(misestimates(plan).map((m) => m.nodeId).sort()).toEqual([nodes[0]!.id, nodes[1]!.id].sort())
  })
})
