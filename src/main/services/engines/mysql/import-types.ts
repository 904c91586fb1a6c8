import type { ImportTypeNames } from '../types'

/** Column types of tables the import creates (Engine.importTypes). */
export const mysqlImportTypes: ImportTypeNames = {
  names: { integer: 'INT', bigint: 'BIGINT', decimal: 'DECIMAL', float: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'DATETIME(6)', text: 'TEXT', json: 'JSON' },
  decimalPrecision: true
}
