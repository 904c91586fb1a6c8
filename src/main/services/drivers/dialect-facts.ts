import type { Dialect } from '../../../shared/cells'
import type { DialectFacts } from './types'

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** What each engine's SQL looks like; pure data, so it is usable without loading any driver library. */
export const dialectFacts: Record<Dialect, DialectFacts> = {
  postgres: {
    dialect: 'postgres',
    quoteIdentifier: doubleQuoted,
    limitSyntax: 'limit',
    supportsDelimiterCommand: false,
    readOnlyEnforcement: 'server'
  },
  mysql: {
    dialect: 'mysql',
    quoteIdentifier: (name) => `\`${name.replace(/`/g, '``')}\``,
    limitSyntax: 'limit',
    supportsDelimiterCommand: true,
    readOnlyEnforcement: 'server'
  },
  mssql: {
    dialect: 'mssql',
    quoteIdentifier: (name) => `[${name.replace(/]/g, ']]')}]`,
    limitSyntax: 'top',
    batchSeparator: 'GO',
    supportsDelimiterCommand: false,
    readOnlyEnforcement: 'guarded'
  },
  sqlite: {
    dialect: 'sqlite',
    quoteIdentifier: doubleQuoted,
    limitSyntax: 'limit',
    supportsDelimiterCommand: false,
    readOnlyEnforcement: 'server'
  }
}
