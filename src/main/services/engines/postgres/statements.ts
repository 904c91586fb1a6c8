import { postgresFacts } from '../../../../shared/engines/postgres'
import { keywordRules } from '../../statements/keyword-rules'

export const postgresStatements = keywordRules(postgresFacts, {
  first: {
    SELECT: 'read', WITH: 'read', VALUES: 'read', TABLE: 'read', SHOW: 'read', EXPLAIN: 'read',
    INSERT: 'write', UPDATE: 'write', DELETE: 'write', MERGE: 'write', COPY: 'admin', CALL: 'write', DO: 'write',
    CREATE: 'ddl', ALTER: 'ddl', DROP: 'ddl', TRUNCATE: 'ddl', COMMENT: 'ddl', GRANT: 'ddl', REVOKE: 'ddl',
    BEGIN: 'transaction', START: 'transaction', COMMIT: 'transaction', END: 'transaction', ROLLBACK: 'transaction', ABORT: 'transaction', SAVEPOINT: 'transaction', RELEASE: 'transaction',
    SET: 'session', RESET: 'session',
    VACUUM: 'admin', ANALYZE: 'admin', CLUSTER: 'admin', REINDEX: 'admin', LOCK: 'admin', NOTIFY: 'admin', LISTEN: 'admin', CHECKPOINT: 'admin', LOAD: 'admin'
  },
  safeSession: (words) => words[0] === 'SET' && !words.some((w) => /READ|WRITE|SESSION_AUTHORIZATION|ROLE|CHARACTERISTICS/.test(w)),
  safeTransaction: (words) => !words.includes('WRITE'),
  writeWords: ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'INTO'],
  adminWords: ['FOR UPDATE', 'FOR SHARE', 'FOR NO KEY', 'FOR KEY SHARE'],
  dangerousFunctions: new Set(['set_config', 'setval', 'nextval', 'lo_import', 'lo_export', 'lo_unlink', 'lo_create', 'pg_terminate_backend', 'pg_cancel_backend', 'pg_advisory_lock', 'pg_advisory_xact_lock', 'pg_try_advisory_lock', 'dblink', 'dblink_exec', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_notify', 'pg_reload_conf', 'pg_rotate_logfile'])
})
