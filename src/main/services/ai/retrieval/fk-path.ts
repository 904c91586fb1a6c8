import { moveUp, type RankedTable } from './rank'
import { schemaOfKey } from './table-key'

/** How many of the best matches get connected to each other. */
export const PATH_SEEDS = 4
/** Longest foreign-key path (in joins) searched between two matches. */
export const PATH_MAX_DEPTH = 3
/** Matches ranked just behind the seeds that are connected too, when in the leading schema, over longer paths. */
const LATE_SEEDS = 4
const LATE_SEED_DEPTH = 4
/** The bridges are placed inside this many first results. */
export const PATH_TOP = 10


/**
 * Shortest path (undirected, at most `maxDepth` joins) from `from` to any table of `targets`, as the list of
 * tables from `from` to the target reached, both included. Paths that stay in `from`'s schema are preferred
 * over shorter ones that leave it; among equally short paths, the one through better-ranked tables wins.
 */
export function shortestPath(
  graph: Map<string, Set<string>>,
  from: string,
  targets: Set<string>,
  maxDepth = PATH_MAX_DEPTH,
  rankOf: (key: string) => number = () => 0,
  known: (key: string) => boolean = () => true
): string[] | null {
  if (targets.has(from)) return [from]
  const schema = schemaOfKey(from)
  return bfs(graph, from, targets, maxDepth, rankOf, (k) => known(k) && schemaOfKey(k) === schema) ?? bfs(graph, from, targets, maxDepth, rankOf, known)
}

function bfs(
  graph: Map<string, Set<string>>,
  from: string,
  targets: Set<string>,
  maxDepth: number,
  rankOf: (key: string) => number,
  allowed: (key: string) => boolean
): string[] | null {
  const parent = new Map<string, string | null>([[from, null]])
  let layer = [from]
  for (let depth = 0; depth < maxDepth && layer.length; depth++) {
    const next: string[] = []
    for (const node of layer) {
      const ns = [...(graph.get(node) ?? [])].filter((n) => !parent.has(n) && allowed(n)).sort((a, b) => rankOf(a) - rankOf(b))
      for (const n of ns) {
        if (parent.has(n)) continue
        parent.set(n, node)
        next.push(n)
      }
    }
    // Best-ranked target of the layer, so the path ends at the strongest match it can.
    const hit = next.filter((n) => targets.has(n)).sort((a, b) => rankOf(a) - rankOf(b))[0]
    if (hit !== undefined) {
      const path: string[] = []
      for (let k: string | null = hit; k !== null; k = parent.get(k) ?? null) path.push(k)
      return path.reverse()
    }
    // Intermediate tables of a path must be able to lead on; targets were handled above.
    layer = next
  }
  return null
}

/**
 * The bridge tables that connect the best matches: a small connecting set, the minimum spanning tree over the
 * first `seeds` matches where two matches are as far apart as their shortest foreign-key path (matches with no
 * path within `maxDepth` joins stay unconnected). Returns each bridge with the table it should follow (the
 * later-ranked end of the path it is on).
 */
export function connectingBridges(
  ranked: string[],
  graph: Map<string, Set<string>>,
  known: (key: string) => boolean = () => true,
  seeds = PATH_SEEDS,
  maxDepth = PATH_MAX_DEPTH
): { key: string; after: string }[] {
  const pos = new Map(ranked.map((k, i) => [k, i]))
  const rankOf = (k: string) => pos.get(k) ?? Number.MAX_SAFE_INTEGER
  // The next few matches join in too when they lie in the leading schema: a question's far end (the lab result
  // behind patient, admission, order and specimen) often ranks just behind the first matches.
  const top = ranked.slice(0, seeds)
  const leading = schemaOfKey(ranked[0] ?? '')
  for (const k of ranked.slice(seeds, seeds + LATE_SEEDS)) if (schemaOfKey(k) === leading) top.push(k)
  const paths: { path: string[]; a: number; b: number }[] = []
  for (let a = 0; a < top.length; a++) {
    for (let b = a + 1; b < top.length; b++) {
      const path = shortestPath(graph, top[b], new Set([top[a]]), b >= seeds ? LATE_SEED_DEPTH : maxDepth, rankOf, known)
      if (path) paths.push({ path, a, b })
    }
  }
  // Kruskal: shortest paths first, then those between better-ranked matches.
  paths.sort((x, y) => x.path.length - y.path.length || x.a + x.b - (y.a + y.b))
  const root = top.map((_, i) => i)
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])))
  const out: { key: string; after: string }[] = []
  const seen = new Set(top)
  for (const { path, a, b } of paths) {
    if (find(a) === find(b)) continue
    root[find(a)] = find(b)
    for (const k of path.slice(1, -1)) {
      if (seen.has(k)) continue
      seen.add(k)
      out.push({ key: k, after: top[b] })
    }
  }
  return out
}

/**
 * Makes sure the bridge tables between the best matches are within the first `top` results: each bridge
 * ranked lower (or not at all) is moved right after the tables it connects, the others move down.
 */
export function bringInBridges(ranked: RankedTable[], graph: Map<string, Set<string>>, known: (key: string) => boolean, top = PATH_TOP): RankedTable[] {
  const bridges = connectingBridges(ranked.map((r) => r.key), graph, known)
  if (bridges.length === 0) return ranked
  const out = [...ranked]
  // Bridges of one path follow each other, in path order.
  const last = new Map<string, string>()
  for (const { key, after } of bridges) {
    const at = out.findIndex((r) => r.key === key)
    if (at >= 0 && at < top) continue
    const anchor = out.findIndex((r) => r.key === (last.get(after) ?? after))
    if (anchor < 0 || anchor + 1 >= top) continue
    moveUp(out, at, anchor + 1, key, 'join')
    last.set(after, key)
  }
  return out
}
