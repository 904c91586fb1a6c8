import type { ImportTypeNames } from '../types'

/** Column types of tables the import creates (Engine.importTypes). */
export const postgresImportTypes: ImportTypeNames = {
  names: { integer: 'integer', bigint: 'bigint', decimal: 'numeric', float: 'double precision', boolean: 'boolean', date: 'date', timestamp: 'timestamp', text: 'text', json: 'jsonb' },
  decimalPrecision: false
}
