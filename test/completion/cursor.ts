import { complete, type CompletionItem, type CompletionResult } from '../../src/shared/completion/complete'
import type { CompletionIndex } from '../../src/shared/completion/schema-index'

/** Runs completion on editor text with `|` marking the cursor. */
export function run(index: CompletionIndex, textWithCursor: string): CompletionResult {
  const offset = textWithCursor.indexOf('|')
  return complete(textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset, index)
}

/** Items in the order the editor shows them with nothing typed: by sortText, then label (Monaco's comparator). */
export function ranked(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label.localeCompare(b.label)))
}

/** The labels of the first `n` items as the editor ranks them. */
export function top(index: CompletionIndex, textWithCursor: string, n: number): string[] {
  return ranked(run(index, textWithCursor).items)
    .slice(0, n)
    .map((i) => i.label)
}
