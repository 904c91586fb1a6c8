import { describe, expect, it } from 'vitest'
import { analyseWith } from '../../statements/analyse'
import { allowedReadOnly, needsConfirmation } from '../../statements/policy'
import type { StatementKind } from '../../statements/types'
import type { MysqlCatalog } from './statement-context'
import { classifyMysql, mysqlStatements } from './statements'

/** What the session's catalog would say on the write-safety fixture: wipe() and `count` are stored, v_wipe reads wipe(). */
const catalog: MysqlCatalog = { storedFunctions: new Set(['wipe', 'count', '9wipe', '$wipe']), riskyViews: new Set(['v_wipe']) }

type Row = [sql: string, kind: StatementKind, readOnlySafe?: boolean]

const plainReads: Row[] = [
  ['SELECT * FROM t', 'read'],
  ['select a.id, b.v from t a join u b on (a.id = b.id) left join w using (id) where a.id in (select id from x) and exists (select 1)', 'read'],
  ['SELECT id, ROW_NUMBER() OVER (PARTITION BY v ORDER BY id) rn, LAG(v, 1) OVER w FROM t WINDOW w AS (ORDER BY id)', 'read'],
  ['WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT * FROM c', 'read'],
  ['WITH x AS (SELECT 1 AS a) SELECT a FROM x', 'read'],
  ['WITH `c` (n) AS (SELECT 1) SELECT * FROM c', 'read'],
  ['(SELECT 1) UNION (SELECT 2)', 'read'],
  ['SELECT NOW()', 'read'],
  ["SELECT REPLACE(a, 'x', 'y') FROM t", 'read'],
  ["SELECT INSERT('abc', 1, 1, 'z')", 'read'],
  ["SELECT replace ('abc', 'a', 'x')", 'read'],
  ['SELECT COUNT(*), SUM(id), GROUP_CONCAT(v ORDER BY v SEPARATOR \',\') FROM t GROUP BY v HAVING COUNT(*) > 1', 'read'],
  ['SELECT CAST(id AS CHAR(10)), CAST(id AS DECIMAL(10, 2)), CAST(d AS DATETIME(6)), CONVERT(v USING utf8mb4) FROM t', 'read'],
  ["SELECT IF(id > 1, UPPER(v), LOWER(v)), COALESCE(v, ''), DATE_ADD(NOW(), INTERVAL 1 DAY), EXTRACT(YEAR FROM NOW())", 'read'],
  ["SELECT * FROM t WHERE MATCH (v) AGAINST ('x' IN BOOLEAN MODE)", 'read'],
  ['SELECT * FROM t WHERE id = ANY (SELECT id FROM u)', 'read'],
  ["SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (a INT PATH '$', b VARCHAR(10) PATH '$')) AS j", 'read'],
  ['SELECT * FROM (SELECT 1, 2) AS d (a, b)', 'read'],
  ['SELECT * FROM t USE INDEX (PRIMARY) PARTITION (p0) LIMIT 10 OFFSET 5', 'read'],
  ["SELECT JSON_EXTRACT(j, '$.a'), JSON_OBJECT('a', 1), DATABASE(), USER(), VERSION(), LAST_INSERT_ID(), @@version", 'read'],
  ['SELECT 1 -- a comment\n', 'read'],
  ['SELECT 1 # a comment', 'read'],
  ['SELECT 1 /* a comment with wipe() */', 'read'],
  ['SELECT "double-quoted string" AS s', 'read'],
  ["SELECT 'it''s', 'back\\\\slash'", 'read'],
  ['VALUES (1, 2), (3, 4)', 'read'],
  ['TABLE t', 'read'],
  ['DO 1 + 1', 'read'],
  ['SHOW TABLES', 'read'],
  ["SHOW FULL PROCESSLIST", 'read'],
  ["SHOW VARIABLES LIKE 'sql_mode'", 'read'],
  ['SHOW CREATE TABLE t', 'read'],
  ["SHOW STATUS WHERE Variable_name = 'Uptime'", 'read'],
  ['SHOW GRANTS FOR CURRENT_USER()', 'read'],
  ['DESCRIBE t', 'read'],
  ['DESC t', 'read'],
  ['EXPLAIN SELECT * FROM t', 'read'],
  ['EXPLAIN FORMAT=JSON SELECT * FROM t', 'read'],
  ['EXPLAIN EXTENDED SELECT 1', 'read'],
  ['EXPLAIN DELETE FROM t', 'read'],
  ['DESCRIBE SELECT 1', 'read'],
  ['ANALYZE SELECT * FROM t', 'read'],
  ["HELP 'SELECT'", 'read'],
  ['USE test', 'session', true],
  ['SET NAMES utf8mb4', 'session', true],
  ['SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci', 'session', true],
  ['SET CHARACTER SET utf8mb4', 'session', true],
  ['SET @x = 1', 'session', true],
  ['SET @x := (SELECT MAX(id) FROM t), @y = NOW()', 'session', true],
  ["SET SESSION sql_mode = 'ANSI_QUOTES'", 'session', true],
  ["SET @@session.time_zone = '+00:00'", 'session', true],
  ['SET max_statement_time = 5, sql_select_limit = 100', 'session', true],
  ['SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', 'session', true],
  ['SET SESSION TRANSACTION READ ONLY', 'session', true],
  ['SET STATEMENT max_statement_time = 5 FOR SELECT * FROM t', 'read'],
  ['SELECT id INTO @x FROM t LIMIT 1', 'session', true],
  ['SELECT @rn := @rn + 1 FROM t', 'session', true],
  ['BEGIN', 'transaction', true],
  ['BEGIN WORK', 'transaction', true],
  ['START TRANSACTION', 'transaction', true],
  ['START TRANSACTION READ ONLY', 'transaction', true],
  ['START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY', 'transaction', true],
  ['COMMIT', 'transaction', true],
  ['ROLLBACK WORK AND NO CHAIN', 'transaction', true],
  ['SAVEPOINT sp1', 'transaction', true],
  ['ROLLBACK TO SAVEPOINT sp1', 'transaction', true],
  ['RELEASE SAVEPOINT sp1', 'transaction', true],
  ['DEALLOCATE PREPARE s', 'session', true],
  ['-- only a comment', 'read', true]
]

const changes: Row[] = [
  ["INSERT INTO t VALUES (1, 'a')", 'write'],
  ["INSERT INTO t (id, v) VALUES (1, 'a') ON DUPLICATE KEY UPDATE v = VALUES(v)", 'write'],
  ["INSERT INTO shop.t (id, v) VALUES (1, 'a')", 'write'],
  ["INSERT INTO `shop`.`t` (id) SELECT 1", 'write'],
  ["INSERT INTO t (id) SELECT shop.wipe()", 'unknown'],
  ['INSERT INTO audit SELECT id FROM t', 'write'],
  ["INSERT LOW_PRIORITY IGNORE INTO t (id, v) VALUES (1, 'a')", 'write'],
  ["INSERT t (id) VALUES (1)", 'write'],
  ["INSERT INTO t (id) SELECT HIGH_PRIORITY wipe()", 'unknown'],
  ["REPLACE INTO t VALUES (1, 'r')", 'write'],
  ["UPDATE t SET v = 'y'", 'write'],
  ["UPDATE t JOIN audit ON t.id = audit.n SET t.v = 'm', audit.n = 9", 'write'],
  ['DELETE FROM t', 'write'],
  ['DELETE t, audit FROM t JOIN audit ON t.id = audit.n', 'write'],
  ["WITH x AS (SELECT 1) UPDATE t SET v = 'w'", 'write'],
  ["LOAD DATA INFILE '/etc/hostname' INTO TABLE t", 'admin'],
  ["LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t", 'admin'],
  ["LOAD XML INFILE '/tmp/x.xml' INTO TABLE t", 'admin'],
  ['HANDLER t OPEN', 'admin'],
  ['CALL p()', 'unknown'],
  ["PREPARE s FROM 'DELETE FROM t'", 'unknown'],
  ['EXECUTE s', 'unknown'],
  ["EXECUTE IMMEDIATE 'DELETE FROM t'", 'unknown'],
  ['DO wipe()', 'unknown'],
  ['DO SLEEP(1)', 'admin'],
  ['CREATE TABLE t2 (a INT)', 'ddl'],
  ['CREATE TEMPORARY TABLE tt (a INT)', 'ddl'],
  ['ALTER TABLE t ADD COLUMN z INT', 'ddl'],
  ['DROP TABLE t', 'ddl'],
  ['RENAME TABLE t TO t9', 'ddl'],
  ['TRUNCATE t', 'ddl'],
  ["GRANT SELECT ON *.* TO 'x'@'%'", 'ddl'],
  ["REVOKE ALL ON *.* FROM 'x'@'%'", 'ddl'],
  ["CREATE USER 'qg_x'@'%'", 'ddl'],
  ["SET PASSWORD FOR 'x'@'%' = PASSWORD('y')", 'ddl'],
  ["SET DEFAULT ROLE r FOR 'x'", 'ddl'],
  ['SET ROLE r', 'session', false],
  ['LOCK TABLES t WRITE', 'admin'],
  ['UNLOCK TABLES', 'admin'],
  ['FLUSH TABLES WITH READ LOCK', 'admin'],
  ['OPTIMIZE TABLE t', 'admin'],
  ['ANALYZE TABLE t', 'admin'],
  ['ANALYZE NO_WRITE_TO_BINLOG TABLE t', 'admin'],
  ['REPAIR TABLE t', 'admin'],
  ["INSTALL PLUGIN x SONAME 'x.so'", 'admin'],
  ["INSTALL SONAME 'metadata_lock_info'", 'admin'],
  ['SET SESSION TRANSACTION READ WRITE', 'session', false],
  ['SET TRANSACTION READ WRITE', 'session', false],
  ['SET SESSION TRANSACTION /*!READ WRITE*/', 'session', false],
  ['SET GLOBAL TRANSACTION READ ONLY', 'admin'],
  ['SET SESSION tx_read_only = 0', 'session', false],
  ['SET @@session.tx_read_only = 0', 'session', false],
  ['SET transaction_read_only = OFF', 'session', false],
  ["SET sql_mode = '', tx_read_only = 0", 'session', false],
  ['SET /*!tx_read_only*/ = 0', 'session', false],
  ['SET sql_log_bin = 0', 'session', false],
  ['SET GLOBAL max_connections = 77', 'admin'],
  ['SET @@global.read_only = 1', 'admin'],
  ['SET PERSIST max_connections = 77', 'admin'],
  ['SET /*!50000 GLOBAL */ max_connections = 77', 'admin'],
  ['SET @@max_connections = 77', 'session', false],
  ['SET default.key_buffer_size = 1', 'unknown'],
  ['START TRANSACTION READ WRITE', 'transaction', false],
  ['START SLAVE', 'admin'],
  ['STOP SLAVE', 'admin'],
  ['SELECT * FROM t FOR UPDATE', 'admin'],
  ['SELECT * FROM t LOCK IN SHARE MODE', 'admin'],
  ['SELECT * FROM t FOR SHARE', 'admin'],
  ['SELECT * FROM t WHERE id IN (SELECT id FROM u FOR UPDATE)', 'admin'],
  ["SELECT GET_LOCK('x', 0)", 'admin'],
  ["SELECT RELEASE_LOCK('x')", 'admin'],
  ['SELECT SLEEP(5)', 'admin'],
  ['SELECT SLEEP(1) FROM t FOR UPDATE', 'admin'],
  ['SELECT BENCHMARK(1000000, MD5(1))', 'admin'],
  ["SELECT LOAD_FILE('/etc/passwd')", 'admin'],
  ['SELECT NEXTVAL(s)', 'admin'],
  ['SELECT NEXT VALUE FOR s', 'admin'],
  ['SELECT * FROM t WHERE id = NEXTVAL(s)', 'admin'],
  ["SELECT * FROM t INTO OUTFILE '/tmp/x'", 'admin'],
  ["SELECT v FROM t LIMIT 1 INTO DUMPFILE '/tmp/x'", 'admin'],
  ["SELECT * FROM t INTO /*!OUTFILE*/ '/tmp/x'", 'admin'],
  ['SELECT 1 INTO x', 'unknown'],
  ['SELECT * FROM t PROCEDURE ANALYSE()', 'unknown'],
  ['SELECT wipe()', 'unknown'],
  ['SELECT HIGH_PRIORITY wipe()', 'unknown'],
  ['SELECT DISTINCT SQL_NO_CACHE wipe()', 'unknown'],
  ['SELECT 1 AS a, wipe() AS b', 'unknown'],
  ['SELECT * FROM t WHERE id = wipe()', 'unknown'],
  ['SELECT test.wipe()', 'unknown'],
  ['SELECT `wipe`()', 'unknown'],
  ['SELECT `concat`(1)', 'unknown'],
  ['SELECT 9wipe()', 'unknown'],
  ['SELECT $wipe()', 'unknown'],
  ['SELECT wipe/**/()', 'unknown'],
  ['SELECT my_udf(1)', 'unknown'],
  ['SELECT json_table(1)', 'unknown'],
  ['SELECT sys_exec("id")', 'admin'],
  ['SELECT count (id) FROM t', 'unknown'],
  ['SELECT sum /* x */ (id) FROM t', 'unknown'],
  ['SELECT 1 --wipe()', 'unknown'],
  ['SELECT 1 --$wipe()\n', 'unknown'],
  ['SELECT 1 /*! --wipe() */', 'unknown'],
  ['SELECT wipe\f()', 'unknown'],
  ['SELECT x\u0085now()', 'unknown'],
  ["SELECT 'a\\' , wipe(), ''", 'unknown'],
  ['SELECT "wipe"()', 'unknown'],
  ['SELECT [wipe]()', 'unknown'],
  ['SET @x = wipe()', 'unknown'],
  ["SET @x = LOAD_FILE('/etc/passwd')", 'admin'],
  ['SHOW TABLES WHERE wipe() > 0', 'unknown'],
  ['VALUES (wipe())', 'unknown'],
  ["INSERT INTO t VALUES (wipe(), 'x')", 'unknown'],
  ["UPDATE t SET v = 'x' WHERE id = wipe()", 'unknown'],
  ["INSERT INTO t VALUES (NEXT VALUE FOR s, 'x')", 'admin'],
  ['/*!CALL p() */', 'unknown'],
  ['/*M!100000 CALL p() */', 'unknown'],
  ['/*!50700 DELETE FROM t */', 'write'],
  ['SELECT 1 /*!50700 , wipe() */', 'unknown'],
  ['SELECT 1 /*M!100000 , wipe() */', 'unknown'],
  ["/*!BEGIN NOT ATOMIC INSERT INTO t VALUES (120, 'c'); END */", 'unknown'],
  ["BEGIN NOT ATOMIC EXECUTE IMMEDIATE CONCAT('SET SESSION TRANSACTION READ', ' WRITE'); INSERT INTO t VALUES (121, 'd'); END", 'unknown'],
  ["SET STATEMENT /*!tx_read_only*/=0 FOR INSERT INTO t VALUES (122, 'e')", 'session', false],
  ['SET STATEMENT tx_read_only = 0 FOR SELECT 1', 'session', false],
  ['SET STATEMENT max_statement_time = 5 FOR DELETE FROM t', 'write'],
  ['SET STATEMENT max_statement_time = 5 FOR SELECT wipe()', 'unknown'],
  ['KILL 42', 'admin'],
  ['KILL QUERY 42', 'admin'],
  ["KILL USER 'x'", 'admin'],
  ["XA START 'x'", 'transaction', false],
  ["BINLOG 'AAAA'", 'admin'],
  ['PURGE BINARY LOGS BEFORE NOW()', 'admin'],
  ['RESET MASTER', 'admin'],
  ["CHANGE MASTER TO MASTER_HOST = 'h'", 'admin'],
  ['SHUTDOWN', 'admin'],
  ['EXPLAIN ANALYZE DELETE FROM t', 'write'],
  ['ANALYZE DELETE FROM t', 'write'],
  ['ANALYZE FORMAT=JSON UPDATE t SET v = 1', 'write'],
  ['EXPLAIN SELECT * FROM t WHERE id = wipe()', 'unknown'],
  ['EXPLAIN SELECT * FROM t WHERE id = NEXTVAL(s)', 'admin'],
  ['CHECKSUM TABLE t', 'admin'],
  ['FROBNICATE t', 'unknown'],
  ['END', 'unknown'],
  ['DECLARE x INT', 'unknown'],
  ['lbl: BEGIN NOT ATOMIC END', 'unknown'],
  ['COMMIT; DELETE FROM t', 'unknown']
]

/**
 * With the catalog: a stored function named like a built-in is reached only with a space or a qualifier (the server
 * resolves `count(` to the built-in), and views over stored code count as code.
 */
const withCatalog: Row[] = [
  ['SELECT COUNT(*) FROM t', 'read'],
  ['SELECT count (id) FROM t', 'unknown'],
  ['SELECT test.count(id) FROM t', 'unknown'],
  ['SELECT wipe(1)', 'unknown'],
  ['SELECT concat (v, 1) FROM t', 'read'],
  ['SELECT * FROM v_wipe', 'unknown'],
  ['SELECT * FROM t JOIN `v_wipe` USING (id)', 'unknown'],
  ['SHOW CREATE VIEW v_wipe', 'read'],
  ['SELECT * FROM plain_view', 'read'],
  ['SELECT * FROM test.v_wipe', 'unknown'],
  ['SELECT * FROM t, v_wipe', 'unknown'],
  ['SELECT 1 AS v_wipe', 'read'],
  ['SELECT v_wipe.id FROM t AS v_wipe', 'read'],
  ['SELECT unknown_fn(1)', 'unknown'],
  ['SELECT sum /* x */ (id) FROM t', 'read']
]

const verdict = (sql: string, c?: MysqlCatalog): { kind: StatementKind; readOnlySafe: boolean } => {
  const v = classifyMysql(sql, c)
  return { kind: v.kind, readOnlySafe: !!v.readOnlySafe }
}

describe('mysql statement rules', () => {
  it.each(plainReads)('%s → %s', (sql, kind, safe) => {
    expect(verdict(sql)).toEqual({ kind, readOnlySafe: !!safe })
  })

  it.each(changes)('%s → %s', (sql, kind, safe) => {
    expect(verdict(sql)).toEqual({ kind, readOnlySafe: !!safe })
  })

  it.each(withCatalog)('with the catalog: %s → %s', (sql, kind, safe) => {
    expect(verdict(sql, catalog)).toEqual({ kind, readOnlySafe: !!safe })
  })

  it.each(changes)('%s: refused read-only and asks before running', async (sql) => {
    const analysis = await analyseWith(mysqlStatements, 'mysql', sql)
    expect(analysis.statements.some((s) => !allowedReadOnly(s))).toBe(true)
    expect(needsConfirmation(analysis)).toBe(true)
  })

  it('a DELIMITER block reaches the rules as one compound statement', async () => {
    const sql = "DELIMITER //\nBEGIN NOT ATOMIC SELECT 1; INSERT INTO t VALUES (1, 'x'); END //\nDELIMITER ;\nSELECT 1"
    const analysis = await analyseWith(mysqlStatements, 'mysql', sql)
    expect(analysis.statements.map((s) => s.kind)).toEqual(['unknown', 'read'])
  })

  it('reasons name what the statement does', () => {
    expect(classifyMysql("SELECT * FROM t INTO OUTFILE '/tmp/x'", undefined).reason).toMatch(/OUTFILE/)
    expect(classifyMysql('SELECT wipe()', catalog).reason).toMatch(/stored function wipe\(\)/)
    expect(classifyMysql('SET SESSION tx_read_only = 0', undefined).reason).toMatch(/tx_read_only/)
  })
})
