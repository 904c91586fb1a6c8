import { mssqlFacts } from '../../../../shared/engines/mssql'
import { keywordRules } from '../../statements/keyword-rules'

// SQL Server cannot make a session read-only, so these rules are the guard: only plain reads pass.
export const mssqlStatements = keywordRules(mssqlFacts, {
  first: {
    SELECT: 'read', WITH: 'read', PRINT: 'read', DECLARE: 'session',
    INSERT: 'write', UPDATE: 'write', DELETE: 'write', MERGE: 'write', EXEC: 'write', EXECUTE: 'write', BULK: 'admin',
    CREATE: 'ddl', ALTER: 'ddl', DROP: 'ddl', TRUNCATE: 'ddl', GRANT: 'ddl', REVOKE: 'ddl', DENY: 'ddl',
    BEGIN: 'transaction', COMMIT: 'transaction', ROLLBACK: 'transaction', SAVE: 'transaction',
    SET: 'session', USE: 'session',
    BACKUP: 'admin', RESTORE: 'admin', DBCC: 'admin', KILL: 'admin', SHUTDOWN: 'admin', RECONFIGURE: 'admin', CHECKPOINT: 'admin'
  },
  safeSession: (words) =>
    words[0] === 'DECLARE' ||
    (words[0] === 'SET' && /^(NOCOUNT|STATISTICS|SHOWPLAN_\w+|ANSI_\w+|ARITHABORT|QUOTED_IDENTIFIER|ROWCOUNT|LANGUAGE|DATEFORMAT|DATEFIRST|LOCK_TIMEOUT|DEADLOCK_PRIORITY|CONCAT_NULL_YIELDS_NULL|NUMERIC_ROUNDABORT|XACT_ABORT|TEXTSIZE|TRANSACTION)$/.test(words[1] ?? '')),
  safeTransaction: (words) => words[1] === 'TRAN' || words[1] === 'TRANSACTION' || words.length === 1,
  writeWords: ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'INTO', 'EXEC', 'EXECUTE', 'OPENROWSET', 'OPENDATASOURCE', 'OPENQUERY', 'WRITETEXT', 'UPDATETEXT'],
  adminWords: ['WAITFOR DELAY'],
  dangerousFunctions: new Set(['openrowset', 'opendatasource', 'openquery', 'xp_cmdshell'])
})
