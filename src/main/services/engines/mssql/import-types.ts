import type { ImportTypeNames } from '../types'

/** Column types of tables the import creates (Engine.importTypes). */
export const mssqlImportTypes: ImportTypeNames = {
  names: { integer: 'int', bigint: 'bigint', decimal: 'decimal', float: 'float', boolean: 'bit', date: 'date', timestamp: 'datetime2', text: 'nvarchar(max)', json: 'nvarchar(max)' },
  decimalPrecision: true
}
