/** Whether the parentheses of `s` pair up (never closing more than were opened). */
export function balancedParens(s: string): boolean {
  let depth = 0
  for (const ch of s) {
    if (ch === '(') depth++
    else if (ch === ')' && --depth < 0) return false
  }
  return depth === 0
}

/** `((x > (0)))` → `x > (0)`: the parentheses that wrap the whole expression, removed (catalogs add them). */
export function unwrapOuterParens(expression: string): string {
  let s = expression.trim()
  while (s.startsWith('(') && s.endsWith(')') && balancedParens(s.slice(1, -1))) s = s.slice(1, -1).trim()
  return s
}
