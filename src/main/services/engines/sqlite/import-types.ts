import type { ImportTypeNames } from '../types'

/** Column types of tables the import creates (Engine.importTypes). */
export const sqliteImportTypes: ImportTypeNames = {
  names: { integer: 'INTEGER', bigint: 'INTEGER', decimal: 'NUMERIC', float: 'REAL', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP', text: 'TEXT', json: 'JSON' },
  decimalPrecision: false
}
