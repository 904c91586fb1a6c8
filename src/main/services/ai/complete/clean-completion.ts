import { CURSOR } from './complete-prompt'

export const MAX_COMPLETION_CHARS = 1_500
const MAX_COMPLETION_LINES = 20
/** A shorter overlap is as likely a real continuation ("o" of "orders") as an echo. */
const MIN_ECHO = 3

const FENCE = /```[^\n]*\n?([\s\S]*?)(?:```|$)/
const PROSE_LEAD = /^\s*(?:here(?:'s| is)\b|sure\b|certainly\b|okay\b|the (?:completion|rest)\b|completion\b|continu)/i

/**
 * The part of a model's reply that continues the text at the cursor: the inside of a code fence, without a leading
 * sentence, without what it repeated of the text before (or after) the cursor, up to the end of the statement and at
 * most MAX_COMPLETION_CHARS / MAX_COMPLETION_LINES.
 */
export function cleanCompletion(reply: string, textBefore: string, textAfter: string): string {
  let text = reply.split(CURSOR).join('')
  const fenced = FENCE.exec(text)
  if (fenced) text = fenced[1]!
  else {
    const lines = text.split('\n')
    while (lines.length > 1 && (PROSE_LEAD.test(lines[0]!) || /:\s*$/.test(lines[0]!))) lines.shift()
    text = lines.join('\n')
  }
  text = withoutEcho(text, textBefore)
  if (/[ \t]$/.test(textBefore) || textBefore === '') text = text.replace(/^[ \t]+/, '')
  // a blank line or a second statement means the model went on past the completion (often into prose)
  text = text.split(/\n[ \t]*\n/)[0]!
  text = upToStatementEnd(text)
  text = withoutRepeatedAfter(text, textAfter)
  text = text.split('\n').slice(0, MAX_COMPLETION_LINES).join('\n').slice(0, MAX_COMPLETION_CHARS)
  text = text.replace(/\s+$/, '')
  return text.trim() ? text : ''
}

/** Drops the longest start of `text` that is the end of `before` (the model repeating what is typed). */
function withoutEcho(text: string, before: string): string {
  const partialWord = /[\w$]*$/.exec(before)![0]
  for (let k = Math.min(before.length, text.length, 2_000); k > 0; k--) {
    if (k < MIN_ECHO && k !== partialWord.length) continue
    if (before.endsWith(text.slice(0, k))) return text.slice(k)
  }
  return text
}

function withoutRepeatedAfter(text: string, after: string): string {
  for (let k = Math.min(after.length, text.length); k >= MIN_ECHO; k--) if (text.endsWith(after.slice(0, k))) return text.slice(0, -k)
  return text
}

/** Cuts after the first `;` outside quotes. */
function upToStatementEnd(text: string): string {
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = undefined
    } else if (c === "'" || c === '"' || c === '`') quote = c
    else if (c === ';') return text.slice(0, i + 1)
  }
  return text
}
