import { describe, expect, it } from 'vitest'
import { splitStatements, statementAt, statementRanges } from '../../../shared/statement-split'
import { analyseSql, needsConfirmation } from '.'

const mayWrite = async (sql: string, dialect: 'postgres' | 'mysql' | 'sqlite'): Promise<boolean> => needsConfirmation(await analyseSql(dialect, sql))

describe('statement at the cursor', () => {
  it('keeps a PostgreSQL dollar-quoted body in one statement', () => {
    const sql = `select 1;\ncreate function f() returns int as $$\nbegin\n  return 1; -- inner ;\nend;\n$$ language plpgsql;\nselect 2`
    expect(statementRanges(sql, 'postgres')).toHaveLength(3)
    expect(statementAt(sql, 'postgres', sql.indexOf('return'))?.text).toMatch(/^create function[\s\S]*language plpgsql$/)
    expect(statementAt(sql, 'postgres', sql.length)?.text).toBe('select 2')
  })

  it('follows MySQL DELIMITER blocks', () => {
    const sql = `DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT 3;`
    const piece = statementAt(sql, 'mysql', sql.indexOf('SELECT 2'))
    expect(piece?.text).toMatch(/^CREATE PROCEDURE p\(\) BEGIN SELECT 1; SELECT 2; END/)
    expect(statementAt(sql, 'mysql', sql.indexOf('SELECT 3'))?.text).toBe('SELECT 3')
  })

  it('splits SQL Server batches on GO', () => {
    const sql = `select 1\nGO\nselect 2\nselect 3\nGO`
    expect(statementAt(sql, 'mssql', sql.indexOf('select 3'))?.text).toMatch(/select 2\s+select 3/)
  })

  it('ignores semicolons in strings and comments, and picks the previous statement from a blank line', () => {
    const sql = `select ';' as a; -- not ; here\n\nselect /* ; */ 2;\n\n`
    expect(statementRanges(sql, 'sqlite')).toHaveLength(2)
    // a comment after `;` belongs to the next statement (the splitter's rule); it runs harmlessly with it
    expect(statementAt(sql, 'sqlite', sql.length)?.text).toMatch(/^-- not ; here\s+select \/\* ; \*\/ 2$/)
    expect(statementAt(sql, 'sqlite', 3)?.offset).toBe(0)
    expect(statementAt('  \n ', 'sqlite', 1)).toBeNull()
  })
})

describe('write guard', () => {
  it('lets reads through and flags anything that may change data', async () => {
    expect(await mayWrite('select 1; -- x\n(select 2); with t as (select 1) select * from t; show tables; explain select 1', 'postgres')).toBe(false)
    expect(await mayWrite('select 1; delete from t', 'postgres')).toBe(true)
    expect(await mayWrite('with x as (delete from t returning *) select * from x', 'postgres')).toBe(true)
    expect(await mayWrite('/* note */ UPDATE t SET a = 1', 'mysql')).toBe(true)
    expect(await mayWrite('vacuum', 'sqlite')).toBe(true)
  })
})

describe('splitting', () => {
  it('drops pieces that are only comments, keeps executable comments (code on MySQL)', async () => {
    for (const dialect of ['postgres', 'mysql', 'sqlite', 'duckdb'] as const) {
      expect(splitStatements('select 1; -- note\n/* and more */', dialect).map((p) => p.text.trim())).toEqual(['select 1'])
    }
    expect(splitStatements('select 1; /*!50000 delete from t */', 'mysql')).toHaveLength(2)
  })
})
