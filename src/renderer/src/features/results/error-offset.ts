import { offsetAt } from '../../../../shared/text-position'
import type { RunError } from '../workspace/run-state'

/** Editor offset of an error: the engine's point, else the failing statement's start, else the engine's line/column. */
export function errorOffset(error: RunError, editorText: string): number | undefined {
  if (error.offset !== undefined) return error.offset
  if (error.range) return error.range.start
  const { line, column } = error.detail ?? {}
  if (line === undefined) return undefined
  return Math.min(editorText.length, error.editorOffset + offsetAt(error.sql, line, column))
}
