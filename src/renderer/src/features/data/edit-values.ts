import type { DataColumn, DataValue } from '../../../../shared/contract/data'

/** The text typed in a cell editor as the value to send, or why it is not one for this column. */
export function parseEdit(column: DataColumn, text: string): { value: DataValue } | { error: string } {
  const t = text.trim()
  switch (column.kind) {
    case 'number': {
      if (!t) return { error: 'Enter a number (or Set NULL)' }
      const n = Number(t)
      return Number.isFinite(n) ? { value: n } : { error: `${text} is not a number` }
    }
    case 'bigint':
      return /^[+-]?\d+$/.test(t) ? { value: t } : { error: `${text} is not an integer` }
    case 'decimal':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? { value: t } : { error: `${text} is not a number` }
    case 'boolean':
      if (column.enumValues?.length) return { value: text }
      return t === 'true' ? { value: true } : t === 'false' ? { value: false } : { error: 'Choose true or false' }
    case 'json':
      try {
        JSON.parse(text)
        return { value: text }
      } catch (error) {
        return { error: `Not valid JSON: ${(error as Error).message}` }
      }
    case 'date':
      return /^\d{4,}-\d{2}-\d{2}/.test(t) || /^-?infinity$/i.test(t) ? { value: t } : { error: 'Enter a date as YYYY-MM-DD' }
    case 'time':
      return /^\d{1,2}:\d{2}/.test(t) ? { value: t } : { error: 'Enter a time as HH:MM:SS' }
    case 'datetime':
      return /^\d{4,}-\d{2}-\d{2}/.test(t) || /^-?infinity$/i.test(t) ? { value: t } : { error: 'Enter a date and time as YYYY-MM-DD HH:MM:SS' }
    default:
      if (column.enumValues?.length && !column.enumValues.includes(text)) return { error: `Choose one of ${column.enumValues.join(', ')}` }
      return { value: text }
  }
}
