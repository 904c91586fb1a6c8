import type { LiteralMask } from '../prompt/literal-mask'

/** Where the string literal the cursor is inside starts (the index of its opening quote), if it is inside one. */
function openLiteralStart(before: string): number | undefined {
  let open: number | undefined
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== "'") continue
    if (open === undefined) open = i
    else if (before[i + 1] === "'") i++
    else open = undefined
  }
  return open
}

/** The index of the quote that closes a literal the text starts inside of ('' is an escaped quote); -1 if none. */
function closingQuote(after: string): number {
  for (let i = 0; i < after.length; i++) {
    if (after[i] !== "'") continue
    if (after[i + 1] === "'") i++
    else return i
  }
  return -1
}

/**
 * The text around the cursor with its string literals masked (LiteralMask, as the prompt of a task does). A literal
 * the cursor is inside of is cut at the cursor and never paired with a later quote, so no part of it leaves the machine:
 * `email = 'ada@exa|mple.com' and` becomes `email = '|' and`. A disabled mask changes nothing.
 */
export function maskAroundCursor(mask: LiteralMask, before: string, after: string): { before: string; after: string } {
  if (!mask.enabled) return { before, after }
  const open = openLiteralStart(before)
  if (open === undefined) return { before: mask.mask(before), after: withoutUnclosedLiteral(mask.mask(after)) }
  const close = closingQuote(after)
  return { before: `${mask.mask(before.slice(0, open))}'`, after: close < 0 ? '' : `'${withoutUnclosedLiteral(mask.mask(after.slice(close + 1)))}` }
}

/** The text after the cursor is cut to a length: a literal it ends inside of is not masked, so it goes. */
function withoutUnclosedLiteral(masked: string): string {
  const quotes = masked.split("'").length - 1
  return quotes % 2 === 0 ? masked : masked.slice(0, masked.lastIndexOf("'") + 1)
}
