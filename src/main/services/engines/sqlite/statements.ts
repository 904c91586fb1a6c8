import { sqliteFacts } from '../../../../shared/engines/sqlite'
import { keywordRules } from '../../statements/keyword-rules'

export const sqliteStatements = keywordRules(sqliteFacts, {
  first: {
    SELECT: 'read', WITH: 'read', VALUES: 'read', EXPLAIN: 'read',
    INSERT: 'write', UPDATE: 'write', DELETE: 'write', REPLACE: 'write',
    CREATE: 'ddl', ALTER: 'ddl', DROP: 'ddl', REINDEX: 'admin',
    BEGIN: 'transaction', COMMIT: 'transaction', END: 'transaction', ROLLBACK: 'transaction', SAVEPOINT: 'transaction', RELEASE: 'transaction',
    PRAGMA: 'session', ATTACH: 'admin', DETACH: 'session', VACUUM: 'admin', ANALYZE: 'admin'
  },
  // a PRAGMA that only reads (no `=` and no argument) is safe; one that sets a value is not
  safeSession: (words, tokens) => words[0] === 'DETACH' || (words[0] === 'PRAGMA' && !tokens.some((t) => t.text === '=' || t.text === '(')),
  safeTransaction: () => true,
  writeWords: ['INSERT', 'UPDATE', 'DELETE', 'REPLACE'],
  adminWords: [],
  dangerousFunctions: new Set(['load_extension', 'writefile', 'edit', 'fts3_tokenizer'])
})
