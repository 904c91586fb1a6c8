/** 1-based line and column of a 0-based offset in `text` (error markers, refusals, parse errors). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split('\n')
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 }
}

/** 0-based offset of a 1-based line and column in `text`: the inverse of lineColumnAt. */
export function offsetAt(text: string, line: number, column = 1): number {
  const lineStart = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0)
  return lineStart + column - 1
}
