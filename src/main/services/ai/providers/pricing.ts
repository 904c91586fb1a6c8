/**
 * Estimated list prices in USD per million tokens (input, output), matched by model-name prefix.
 * Estimates only: providers change prices; unknown and local models count as zero.
 */
const PRICES: [prefix: string, input: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
  ['gpt-5-nano', 0.05, 0.4],
  ['gpt-5-mini', 0.25, 2],
  ['gpt-5', 1.25, 10],
  ['o4-mini', 1.1, 4.4],
  ['o3', 2, 8],
  ['claude-opus', 15, 75],
  ['claude-sonnet', 3, 15],
  ['claude-3-5-haiku', 0.8, 4],
  ['claude-haiku', 1, 5],
  ['gemini-2.5-pro', 1.25, 10],
  ['gemini-2.5-flash-lite', 0.1, 0.4],
  ['gemini-2.5-flash', 0.3, 2.5],
  ['gemini-2.0-flash', 0.1, 0.4]
]

/** The model's estimated list price per million tokens, or undefined when the model is not in the table. */
export function listPrice(model: string): { input: number; output: number } | undefined {
  const m = model.toLowerCase()
  const hit = PRICES.filter(([p]) => m.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0]
  return hit ? { input: hit[1], output: hit[2] } : undefined
}

export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number, local: boolean): number {
  if (local) return 0
  const price = listPrice(model)
  if (!price) return 0
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000
}
