import { applyNodeChanges, Background, Controls, type Edge, Handle, MarkerType, MiniMap, type Node, type NodeProps, Position, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { memo, useEffect, useMemo, useState } from 'react'
import { buildErdGraph, type ErdGraph, type ErdNode, searchTables } from '../../../../shared/erd/erd-graph'
import { layoutErd } from '../../../../shared/erd/erd-layout'
import { erdToSvg } from '../../../../shared/erd/erd-svg'
import { useAppStore } from '../../app/app-store'
import { useSchemaStore } from '../schema/schema-store'
import { useErdStore } from './erd-store'
import { downloadBlob, svgToPngBlob } from './export-image'
import './erd.css'

const MAX_TABLES = 200

type TableNodeData = ErdNode & Record<string, unknown>

const TableNode = memo(function TableNode({ data }: NodeProps<Node<TableNodeData>>) {
  return (
    <div className={`erd-node${data.focus ? ' focus' : ''}`} style={{ width: data.width }} data-testid={`erd-node-${data.name}`}>
      <Handle type="target" position={Position.Left} id="t-head" className="erd-handle" />
      <Handle type="source" position={Position.Right} id="s-head" className="erd-handle" />
      <div className="erd-node-head" title={data.id}>
        {data.name}
        {data.kind !== 'table' && <span className="erd-kind"> {data.kind.replace('_', ' ')}</span>}
      </div>
      {data.columns.map((c) => (
        <div key={c.name} className="erd-col">
          {/* Edges attach to the rows of the key columns they join. */}
          {c.fk && <Handle type="target" position={Position.Left} id={`t-${c.name}`} className="erd-handle" />}
          {c.pk && <Handle type="source" position={Position.Right} id={`s-${c.name}`} className="erd-handle" />}
          <span className={`erd-mark${c.pk ? ' pk' : c.fk ? ' fk' : ''}`}>{c.pk ? 'PK' : c.fk ? 'FK' : ''}</span>
          <span className={c.nullable ? 'erd-col-name' : 'erd-col-name not-null'}>{c.name}</span>
          <span className="erd-col-type">{c.type}</span>
        </div>
      ))}
      {data.hiddenColumns > 0 && <div className="erd-col erd-more">+{data.hiddenColumns} more</div>}
    </div>
  )
})

const nodeTypes = { table: TableNode }

/** The ERD view: a selection plus N hops of foreign-key neighbours, laid out with elkjs, exportable as SVG and PNG. */
export function ErdView(): React.JSX.Element {
  return (
    <ReactFlowProvider>
      <ErdCanvas />
    </ReactFlowProvider>
  )
}

function ErdCanvas(): React.JSX.Element {
  const activeConnectionId = useAppStore((s) => s.browsingConnectionId)
  const theme = useAppStore((s) => s.theme)
  const { connectionId: erdConnection, focus, hops, keysOnly, setFocus, setHops, setKeysOnly, show } = useErdStore()
  const connectionId = erdConnection ?? activeConnectionId
  const entry = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  const load = useSchemaStore((s) => s.load)
  const model = entry?.model
  const [search, setSearch] = useState('')
  const [graph, setGraph] = useState<ErdGraph>()
  const [nodes, setNodes] = useState<Node<TableNodeData>[]>([])
  const [laying, setLaying] = useState(false)
  const [layoutMs, setLayoutMs] = useState<number>()
  const flow = useReactFlow()

  useEffect(() => {
    if (connectionId && !entry) void load(connectionId)
  }, [connectionId, entry, load])
  useEffect(() => {
    // Following the active connection: a selection made for another connection no longer applies.
    if (activeConnectionId && erdConnection && erdConnection !== activeConnectionId) show({ connectionId: activeConnectionId, focus: [] })
  }, [activeConnectionId, erdConnection, show])

  useEffect(() => {
    if (!model) return
    let live = true
    const g = buildErdGraph(model, { focus, hops, maxTables: MAX_TABLES, columns: keysOnly ? 'keys' : 'all' })
    setGraph(g)
    setLaying(true)
    const started = performance.now()
    void layoutErd(g).then(({ positions }) => {
      if (!live) return
      setLayoutMs(Math.round(performance.now() - started))
      setNodes(g.nodes.map((n) => ({ id: n.id, type: 'table', position: positions.get(n.id) ?? { x: 0, y: 0 }, data: n as TableNodeData, width: n.width, height: n.height })))
      setLaying(false)
      requestAnimationFrame(() => void flow.fitView({ padding: 0.1, maxZoom: 1 }))
    })
    return () => {
      live = false
    }
  }, [model, focus, hops, keysOnly, flow])

  const edges: Edge[] = useMemo(() => {
    if (!graph) return []
    const nodesById = new Map(graph.nodes.map((n) => [n.id, n]))
    // A handle exists on a listed primary-key (source) or foreign-key (target) column row; otherwise use the header's.
    const handle = (nodeId: string, column: string | undefined, side: 's' | 't'): string => {
      const col = nodesById.get(nodeId)?.columns.find((c) => c.name === column)
      return col && (side === 's' ? col.pk : col.fk) ? `${side}-${col.name}` : `${side}-head`
    }
    return graph.edges.map((e) => ({
      id: e.id,
      // Drawn from the referenced table (laid out to the left) to the referencing one, so lines run left to right.
      source: e.target,
      target: e.source,
      sourceHandle: handle(e.target, e.refColumns[0], 's'),
      targetHandle: handle(e.source, e.columns[0], 't'),
      type: 'smoothstep',
      markerStart: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
      label: e.columns.join(', '),
      labelStyle: { fontSize: 10 },
      data: { fk: e.label }
    }))
  }, [graph])
  const matches = useMemo(() => (model && search ? searchTables(model, search, 12) : []), [model, search])
  const totalTables = model?.tables.filter((t) => t.kind === 'table').length ?? 0

  const exportSvg = (): void => {
    if (!graph) return
    const positions = new Map(nodes.map((n) => [n.id, n.position]))
    downloadBlob(new Blob([erdToSvg(graph, positions)], { type: 'image/svg+xml' }), `${model?.database ?? 'schema'}-erd.svg`)
  }
  const exportPng = async (): Promise<void> => {
    if (!graph) return
    const positions = new Map(nodes.map((n) => [n.id, n.position]))
    downloadBlob(await svgToPngBlob(erdToSvg(graph, positions)), `${model?.database ?? 'schema'}-erd.png`)
  }

  return (
    <div className="erd-view" data-testid="erd-view">
      <div className="erd-toolbar">
        <div className="erd-search">
          <input
            placeholder="Find a table…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
            data-testid="erd-search"
          />
          {model && search.trim() && matches.length === 0 && (
            <ul className="erd-matches" data-testid="erd-no-match">
              <li className="muted erd-no-match">No table matches “{search.trim()}”</li>
            </ul>
          )}
          {matches.length > 0 && (
            <ul className="erd-matches" data-testid="erd-matches">
              {matches.map((id) => (
                <li key={id}>
                  <button
                    onClick={() => {
                      setSearch('')
                      if (connectionId) show({ connectionId, focus: [id] })
                    }}
                  >
                    {id}
                  </button>
                  <button title="Add to the selection" onClick={() => setFocus([...new Set([...focus, id])])}>
                    +
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <label>
          Hops{' '}
          <select value={hops} onChange={(e) => setHops(Number(e.target.value))} data-testid="erd-hops">
            {[0, 1, 2, 3, 4].map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label title="Show only primary- and foreign-key columns">
          <input type="checkbox" checked={keysOnly} onChange={(e) => setKeysOnly(e.target.checked)} data-testid="erd-keys-only" /> Keys only
        </label>
        <button onClick={() => setFocus([])} disabled={focus.length === 0} data-testid="erd-all">
          All tables
        </button>
        <span className="muted erd-status" data-testid="erd-status">
          {!model
            ? entry?.error ?? 'Loading schema…'
            : laying
              ? 'Laying out…'
              : `${graph?.nodes.length ?? 0} of ${totalTables} tables · ${graph?.edges.length ?? 0} foreign keys${(graph?.nodes.length ?? 0) >= MAX_TABLES ? ` (first ${MAX_TABLES}: pick a table to focus)` : ''}${layoutMs !== undefined ? ` · layout ${layoutMs} ms` : ''}`}
        </span>
        <span className="spacer" />
        <button onClick={exportSvg} disabled={!graph || laying} data-testid="erd-export-svg">
          Export SVG
        </button>
        <button onClick={() => void exportPng()} disabled={!graph || laying} data-testid="erd-export-png">
          Export PNG
        </button>
      </div>
      <div className="erd-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={(changes) => setNodes((ns) => applyNodeChanges(changes, ns))}
          onNodeDoubleClick={(_, node) => connectionId && show({ connectionId, focus: [node.id] })}
          onlyRenderVisibleElements
          colorMode={theme}
          minZoom={0.05}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls />
          <MiniMap pannable zoomable />
        </ReactFlow>
      </div>
    </div>
  )
}
