import { mysqlFacts } from '../../../../shared/engines/mysql'
import { keywordRules } from '../../statements/keyword-rules'

export const mysqlStatements = keywordRules(mysqlFacts, {
  first: {
    SELECT: 'read', WITH: 'read', VALUES: 'read', TABLE: 'read', SHOW: 'read', EXPLAIN: 'read', DESCRIBE: 'read', DESC: 'read', HELP: 'read',
    INSERT: 'write', UPDATE: 'write', DELETE: 'write', REPLACE: 'write', CALL: 'write', DO: 'write', LOAD: 'admin', HANDLER: 'write', EXECUTE: 'write', PREPARE: 'write',
    CREATE: 'ddl', ALTER: 'ddl', DROP: 'ddl', TRUNCATE: 'ddl', RENAME: 'ddl', GRANT: 'ddl', REVOKE: 'ddl',
    BEGIN: 'transaction', START: 'transaction', COMMIT: 'transaction', ROLLBACK: 'transaction', SAVEPOINT: 'transaction', RELEASE: 'transaction',
    SET: 'session', USE: 'session',
    KILL: 'admin', FLUSH: 'admin', LOCK: 'admin', UNLOCK: 'admin', OPTIMIZE: 'admin', ANALYZE: 'admin', REPAIR: 'admin', INSTALL: 'admin', UNINSTALL: 'admin', SHUTDOWN: 'admin', PURGE: 'admin', RESET: 'admin'
  },
  safeSession: (words) => words[0] === 'USE' || (words[0] === 'SET' && !words.some((w) => /READ|WRITE|GLOBAL|STATEMENT|PERSIST|SQL_LOG_BIN|PASSWORD|ROLE/.test(w))),
  safeTransaction: (words) => !words.includes('WRITE') && !words.includes('NOT'),
  writeWords: ['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'OUTFILE', 'DUMPFILE', 'CALL', 'EXECUTE'],
  adminWords: ['INTO OUTFILE', 'INTO DUMPFILE', 'FOR UPDATE', 'LOCK IN SHARE MODE', 'FOR SHARE'],
  dangerousFunctions: new Set(['get_lock', 'release_lock', 'release_all_locks', 'load_file', 'sleep', 'benchmark', 'sys_exec', 'sys_eval', 'master_pos_wait'])
})
