import type { Verdict } from '../../statements/types'

/** Statements whose kind follows from their node type alone. */
const fixed: Readonly<Record<string, Verdict>> = {
  InsertStmt: { kind: 'write', reason: 'INSERT adds rows' },
  UpdateStmt: { kind: 'write', reason: 'UPDATE changes rows' },
  DeleteStmt: { kind: 'write', reason: 'DELETE changes rows' },
  MergeStmt: { kind: 'write', reason: 'MERGE changes rows' },
  DoStmt: { kind: 'write', reason: 'DO runs code this app cannot see into' },
  CallStmt: { kind: 'write', reason: 'CALL runs a procedure that may write' },
  RefreshMatViewStmt: { kind: 'write', reason: 'REFRESH MATERIALIZED VIEW rewrites its rows' },
  ExecuteStmt: { kind: 'unknown', reason: 'EXECUTE runs a prepared statement this app cannot see' },
  VariableShowStmt: { kind: 'read', reason: 'SHOW reads a setting' },
  FetchStmt: { kind: 'read', reason: 'FETCH reads from a cursor' },
  ClosePortalStmt: { kind: 'session', reason: 'CLOSE closes a cursor', readOnlySafe: true },
  DeallocateStmt: { kind: 'session', reason: 'DEALLOCATE drops a prepared statement', readOnlySafe: true },
  ConstraintsSetStmt: { kind: 'transaction', reason: 'SET CONSTRAINTS changes when constraints are checked', readOnlySafe: true },
  LockStmt: { kind: 'admin', reason: 'LOCK takes table locks' },
  NotifyStmt: { kind: 'admin', reason: 'NOTIFY signals other sessions' },
  ListenStmt: { kind: 'admin', reason: 'LISTEN subscribes to notifications' },
  UnlistenStmt: { kind: 'admin', reason: 'UNLISTEN changes notification subscriptions' },
  ClusterStmt: { kind: 'admin', reason: 'CLUSTER rewrites tables' },
  ReindexStmt: { kind: 'admin', reason: 'REINDEX rebuilds indexes' },
  CheckPointStmt: { kind: 'admin', reason: 'CHECKPOINT forces a server checkpoint' },
  LoadStmt: { kind: 'admin', reason: 'LOAD loads a library into the server' },
  AlterSystemStmt: { kind: 'admin', reason: 'ALTER SYSTEM changes the server configuration' },
  CreateRoleStmt: { kind: 'admin', reason: 'CREATE ROLE changes who may do what' },
  AlterRoleStmt: { kind: 'admin', reason: 'ALTER ROLE changes who may do what' },
  AlterRoleSetStmt: { kind: 'admin', reason: 'ALTER ROLE SET changes settings of a role' },
  DropRoleStmt: { kind: 'admin', reason: 'DROP ROLE changes who may do what' },
  GrantRoleStmt: { kind: 'admin', reason: 'GRANT of a role changes who may do what' },
  DropOwnedStmt: { kind: 'admin', reason: 'DROP OWNED drops objects' },
  ReassignOwnedStmt: { kind: 'admin', reason: 'REASSIGN OWNED changes owners' },
  CreatedbStmt: { kind: 'ddl', reason: 'CREATE DATABASE creates a database' },
  DropdbStmt: { kind: 'ddl', reason: 'DROP DATABASE drops a database' },
  AlterDatabaseSetStmt: { kind: 'ddl', reason: 'ALTER DATABASE SET changes settings of a database' },
  GrantStmt: { kind: 'ddl', reason: 'GRANT and REVOKE change privileges' },
  CommentStmt: { kind: 'ddl', reason: 'COMMENT changes the schema' },
  TruncateStmt: { kind: 'ddl', reason: 'TRUNCATE empties tables' }
}

/** Words for DDL node types whose names do not say what they do. */
const ddlWords: Readonly<Record<string, string>> = {
  CreateStmt: 'CREATE TABLE', IndexStmt: 'CREATE INDEX', ViewStmt: 'CREATE VIEW', RuleStmt: 'CREATE RULE', DefineStmt: 'CREATE',
  CompositeTypeStmt: 'CREATE TYPE', CreateEnumStmt: 'CREATE TYPE', CreateRangeStmt: 'CREATE TYPE', CreateTableAsStmt: 'CREATE TABLE AS',
  CreateSeqStmt: 'CREATE SEQUENCE', AlterSeqStmt: 'ALTER SEQUENCE', CreatePLangStmt: 'CREATE LANGUAGE', CreateTrigStmt: 'CREATE TRIGGER',
  CreateEventTrigStmt: 'CREATE EVENT TRIGGER', AlterEventTrigStmt: 'ALTER EVENT TRIGGER', CreateFdwStmt: 'CREATE FOREIGN DATA WRAPPER',
  AlterFdwStmt: 'ALTER FOREIGN DATA WRAPPER', CreateAmStmt: 'CREATE ACCESS METHOD', CreateOpClassStmt: 'CREATE OPERATOR CLASS',
  CreateOpFamilyStmt: 'CREATE OPERATOR FAMILY', AlterOpFamilyStmt: 'ALTER OPERATOR FAMILY', CreateStatsStmt: 'CREATE STATISTICS',
  AlterStatsStmt: 'ALTER STATISTICS', CreateForeignServerStmt: 'CREATE SERVER', AlterForeignServerStmt: 'ALTER SERVER',
  SecLabelStmt: 'SECURITY LABEL', RenameStmt: 'ALTER ... RENAME', AlterObjectSchemaStmt: 'ALTER ... SET SCHEMA', AlterOwnerStmt: 'ALTER ... OWNER TO',
  AlterTSDictionaryStmt: 'ALTER TEXT SEARCH DICTIONARY', AlterTSConfigurationStmt: 'ALTER TEXT SEARCH CONFIGURATION',
  AlterDefaultPrivilegesStmt: 'ALTER DEFAULT PRIVILEGES', ImportForeignSchemaStmt: 'IMPORT FOREIGN SCHEMA', ReplicaIdentityStmt: 'REPLICA IDENTITY'
}

const isDdlType = (type: string): boolean => type in ddlWords || /^(Create|Alter|Drop)\w*Stmt$/.test(type)

/** `AlterTableStmt` → `ALTER TABLE`. */
const wordsOf = (type: string): string =>
  type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()

/** The verdict a node type alone decides, or undefined when the statement's content matters (or it is not known). */
export function verdictByType(type: string): Verdict | undefined {
  const known = fixed[type]
  if (known) return known
  if (isDdlType(type)) return { kind: 'ddl', reason: `${ddlWords[type] ?? wordsOf(type)} changes the schema` }
  return undefined
}
