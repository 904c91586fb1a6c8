import type { Locator, Page } from 'playwright'
import { expect } from 'vitest'

/** Asks the assistant a question and waits for the whole answer (its meta line comes with the end). */
export async function askAndWait(page: Page, question: string): Promise<Locator> {
  const before = await page.getByTestId('ai-turn').count()
  await page.getByTestId('ai-question').fill(question)
  await page.getByTestId('ai-ask').click()
  const turn = page.getByTestId('ai-turn').nth(before)
  await expect.poll(() => turn.locator('.ai-meta').count(), { timeout: 30_000 }).toBe(1)
  return turn
}
