/**
 * The optimize answer format: what the model is asked for, and the parser that reads it back. The two live together
 * so they cannot drift apart.
 */
export function optimizeInstructions(dialect: string): string {
  return `Optimise the user's ${dialect} query using its real execution plan, shown below as a tree with one line per node; every node has an id in brackets such as [n3]. Use the hot spots, the row misestimates and the tables' DDL and row counts.
Answer with ranked findings, most important first, each in exactly this form:
### 1. <short title> [nodes: n3, n7]
<why this step is slow, citing the plan's figures, in at most four sentences>
\`\`\`sql
<one statement: the rewritten query, or the CREATE INDEX statement worth adding>
\`\`\`
Name only node ids that appear in the plan. Put one statement per sql block. A rewritten query must return the same rows. Indexes are suggestions the user decides to create; never suggest dropping or changing data. Give at most five findings; if the plan is already good, say so in one finding without SQL.`
}

/** One finding as the model wrote it; node ids are already limited to the plan's. */
export interface ParsedFinding {
  rank: number
  title: string
  nodeIds: string[]
  explanation: string
  sql: string[]
}

const HEADING = /^\s{0,3}#{1,6}\s*(?:\*\*)?\s*(?:finding\s*)?(\d{1,2})(?:\s*[.):-]|\s)\s*(.*)$/i
const NUMBERED_WITH_NODES = /^\s{0,3}(?:\*\*)?\s*(?:finding\s*)?(\d{1,2})\s*[.):]\s*(.*\[\s*nodes?\b.*)$/i
const NODES_TAG = /\[\s*nodes?\s*:?\s*([^\]]*)\]/i
const NODE_MENTION = /\[([A-Za-z]?\d+)\]/g
const FENCE = /^\s{0,3}```\s*([\w-]*)\s*$/
const SQL_FENCES = new Set(['', 'sql', 'postgres', 'postgresql', 'pgsql', 'mysql', 'mariadb', 'sqlite', 'tsql', 'mssql', 'duckdb', 'plsql'])
const MAX_FINDINGS = 10
const MAX_BLOCKS = 5

/**
 * Reads the findings of an optimize answer. Headings (`### 2. Title [nodes: n3]`, or a numbered line with a nodes tag)
 * start a finding; prose is its explanation and sql fences its SQL (`#` inside a fence is SQL, never a heading). Node ids
 * the plan does not have are dropped. An answer without headings but with SQL becomes one finding.
 */
export function parseFindings(answer: string, knownIds: ReadonlySet<string>): ParsedFinding[] {
  const found: { title: string; tag: string | undefined; prose: string[]; sql: string[] }[] = []
  let current: (typeof found)[number] | undefined
  let fence: { sql: boolean; lines: string[] } | undefined
  for (const line of answer.split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)
    if (fence) {
      if (fenceMark && fenceMark[1] === '') {
        const body = fence.lines.join('\n').trim()
        if (fence.sql && body) (current ??= start(found, 'Suggestion', undefined)).sql.push(body)
        fence = undefined
      } else fence.lines.push(line)
      continue
    }
    if (fenceMark) {
      fence = { sql: SQL_FENCES.has(fenceMark[1]!.toLowerCase()), lines: [] }
      continue
    }
    const heading = HEADING.exec(line) ?? NUMBERED_WITH_NODES.exec(line)
    if (heading) {
      const rest = heading[2] ?? ''
      current = start(found, rest, NODES_TAG.exec(rest)?.[1])
      continue
    }
    current?.prose.push(line)
  }
  return found.slice(0, MAX_FINDINGS).map((f, i) => {
    const explanation = f.prose.join('\n').trim()
    const named = f.tag !== undefined ? f.tag.split(/[\s,;]+/) : [...`${f.title}\n${explanation}`.matchAll(NODE_MENTION)].map((m) => m[1]!)
    const nodeIds = [...new Set(named.map((id) => id.replace(/[[\]`*]/g, '').trim()).filter((id) => knownIds.has(id)))]
    return { rank: i + 1, title: f.title, nodeIds, explanation: explanation.slice(0, 4_000), sql: f.sql.slice(0, MAX_BLOCKS) }
  })
}

function start(found: { title: string; tag: string | undefined; prose: string[]; sql: string[] }[], heading: string, tag: string | undefined) {
  const title = heading.replace(NODES_TAG, '').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim().slice(0, 200) || `Finding ${found.length + 1}`
  const finding = { title, tag, prose: [] as string[], sql: [] as string[] }
  found.push(finding)
  return finding
}
