import type { ImportTypeNames } from '../types'

/** Column types of tables the import creates (Engine.importTypes). */
export const duckdbImportTypes: ImportTypeNames = {
  names: { integer: 'INTEGER', bigint: 'BIGINT', decimal: 'DECIMAL', float: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP', text: 'VARCHAR', json: 'JSON' },
  decimalPrecision: true
}
