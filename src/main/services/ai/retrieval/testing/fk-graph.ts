/** An undirected foreign-key graph from edges, as `foreignKeyGraph` builds it from tables. */
export function fkGraph(edges: [string, string][]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>()
  for (const [a, b] of edges) {
    g.set(a, (g.get(a) ?? new Set()).add(b))
    g.set(b, (g.get(b) ?? new Set()).add(a))
  }
  return g
}
