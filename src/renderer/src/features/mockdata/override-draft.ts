import type { MockGenerator } from '../../../../shared/contract'

/** A column's override as the dialog edits it: a generator kind with its text, and a NULL share. */
export interface OverrideDraft {
  kind: 'auto' | MockGenerator['kind']
  /** constant: the value; list: comma-separated values; range: `min..max`; pattern: the pattern. */
  text: string
  /** Percent, empty: the default. */
  nullPercent: string
}

export const overrideKey = (t: { schema?: string; name: string }, column: string): string => `${t.schema ?? ''}.${t.name}.${column}`
