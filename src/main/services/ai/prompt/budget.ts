/** Rough token count (no tokenizer for every provider offline): ~3.5 characters per token for code-like text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5)
}

/** Cuts text to about `tokens` tokens, marking the cut. */
export function truncateToTokens(text: string, tokens: number): string {
  const max = Math.max(0, Math.floor(tokens * 3.5))
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 20))}\n… (truncated)`
}
