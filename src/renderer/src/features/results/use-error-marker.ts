import { useEffect } from 'react'
import { lineColumnAt, offsetAt } from '../../../../shared/text-position'
import { useEditorStore } from '../editor/editor-store'
import { useResultsStore, type RunError } from './results-store'

/** Editor offset of an error: the engine's point, else the failing statement's start, else the engine's line/column. */
export function errorOffset(error: RunError, editorText: string): number | undefined {
  if (error.offset !== undefined) return error.offset
  if (error.range) return error.range.start
  const { line, column } = error.detail ?? {}
  if (line === undefined) return undefined
  return Math.min(editorText.length, error.editorOffset + offsetAt(error.sql, line, column))
}

/** Puts a marker in the editor at the line and column of the last run's error, and clears it on the next run. */
export function useErrorMarker(): void {
  const error = useResultsStore((s) => s.error)
  const running = useResultsStore((s) => s.running)
  useEffect(() => {
    const { text, setMarker } = useEditorStore.getState()
    if (running || !error) return setMarker(undefined)
    const offset = errorOffset(error, text)
    if (offset === undefined) return setMarker(undefined)
    setMarker({ ...lineColumnAt(text, offset), message: error.message })
  }, [error, running])
}
