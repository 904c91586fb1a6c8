/**
 * Small line/word diffs for `docs diff` (no diff package in the dependencies): an LCS table, which is fine for
 * object bodies (views, routines, triggers) of a few hundred lines. Longer texts fall back to a plain
 * before/after block so a huge body never costs quadratic memory.
 */

const MAX_CELLS = 4_000_000

type Op = { op: ' ' | '-' | '+'; text: string }

function lcsOps(a: string[], b: string[]): Op[] | null {
  // Trim the common head and tail first: most edits touch a few lines of a long body.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const x = a.slice(head, a.length - tail)
  const y = b.slice(head, b.length - tail)
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) return null
  const w = y.length + 1
  const t = new Uint32Array((x.length + 1) * w)
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--) t[i * w + j] = x[i] === y[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1])
  const mid: Op[] = []
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      mid.push({ op: ' ', text: x[i] })
      i++
      j++
    } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) mid.push({ op: '-', text: x[i++] })
    else mid.push({ op: '+', text: y[j++] })
  }
  while (i < x.length) mid.push({ op: '-', text: x[i++] })
  while (j < y.length) mid.push({ op: '+', text: y[j++] })
  return [...a.slice(0, head).map((text) => ({ op: ' ' as const, text })), ...mid, ...a.slice(a.length - tail).map((text) => ({ op: ' ' as const, text }))]
}

/** A unified diff (`@@ -l,n +l,n @@` hunks, 3 lines of context) of two texts, without the `---`/`+++` header. */
export function unifiedDiff(before: string, after: string, context = 3): string {
  const a = splitLines(before)
  const b = splitLines(after)
  const ops = lcsOps(a, b)
  if (!ops) return [`@@ -1,${a.length} +1,${b.length} @@`, ...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)].join('\n')
  const changed = ops.map((o, k) => (o.op !== ' ' ? k : -1)).filter((k) => k >= 0)
  if (!changed.length) return ''
  // Group changes whose context windows touch into hunks.
  const hunks: [number, number][] = []
  for (const k of changed) {
    const last = hunks[hunks.length - 1]
    if (last && k - last[1] <= context * 2 + 1) last[1] = k
    else hunks.push([k, k])
  }
  const out: string[] = []
  // Line numbers before each op.
  const posA: number[] = []
  const posB: number[] = []
  let la = 1
  let lb = 1
  for (const o of ops) {
    posA.push(la)
    posB.push(lb)
    if (o.op !== '+') la++
    if (o.op !== '-') lb++
  }
  for (const [s, e] of hunks) {
    const from = Math.max(0, s - context)
    const to = Math.min(ops.length - 1, e + context)
    const slice = ops.slice(from, to + 1)
    const na = slice.filter((o) => o.op !== '+').length
    const nb = slice.filter((o) => o.op !== '-').length
    const startA = na ? posA[from] : posA[from] - 1
    const startB = nb ? posB[from] : posB[from] - 1
    out.push(`@@ -${startA},${na} +${startB},${nb} @@`, ...slice.map((o) => `${o.op}${o.text}`))
  }
  return out.join('\n')
}

/**
 * A one-line text (MySQL prints a view as one long line) diffed by words: `[-old-]{+new+}` around what changed,
 * with unchanged words in between.
 */
export function wordDiff(before: string, after: string): string {
  const a = before.trim().split(/\s+/)
  const b = after.trim().split(/\s+/)
  const ops = lcsOps(a, b)
  if (!ops) return `[-${before.trim()}-]{+${after.trim()}+}`
  const out: string[] = []
  let del: string[] = []
  let add: string[] = []
  const flush = () => {
    if (del.length) out.push(`[-${del.join(' ')}-]`)
    if (add.length) out.push(`{+${add.join(' ')}+}`)
    del = []
    add = []
  }
  for (const o of ops) {
    if (o.op === '-') del.push(o.text)
    else if (o.op === '+') add.push(o.text)
    else {
      flush()
      out.push(o.text)
    }
  }
  flush()
  return out.join(' ')
}

/** The diff of two bodies: unified by lines when either has several lines, else by words. */
export function textDiff(before: string, after: string): string {
  const multi = before.trim().includes('\n') || after.trim().includes('\n')
  return multi ? unifiedDiff(before, after) : wordDiff(before, after)
}

function splitLines(s: string): string[] {
  return s.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''))
}
