import { describe, expect, it } from 'vitest'
import { factsOf } from '../../../../shared/engines'
import { formatSql, tryFormatSql } from './format-sql'

describe('Format SQL', () => {
  it.each([
    ['postgres', "select a, b -- first note\nfrom t /* block */ where x = ';' and y::int > 1 returning a", ['-- first note', '/* block */', "';'", '::']],
    ['mysql', 'select `a` # hash note\nfrom t limit 5', ['# hash note', '`a`', 'LIMIT']],
    ['sqlite', 'select [a] -- note\nfrom "t" where b glob ?', ['-- note', '[a]', '"t"']],
    ['duckdb', "select * -- note\nfrom read_csv('x.csv') qualify row_number() over () = 1", ['-- note', 'QUALIFY', "read_csv('x.csv')"]],
    ['mssql', 'select top 5 [a] -- note\nfrom dbo.t\nGO\nselect 2', ['-- note', 'TOP 5', 'GO']]
  ] as const)('%s: keeps comments and literals, keywords in upper case', (dialect, sql, kept) => {
    const out = formatSql(sql, factsOf(dialect))
    for (const piece of kept) expect(out).toContain(piece)
    expect(out).toMatch(/^SELECT\b/)
    expect(out).toMatch(/\nFROM\b/)
    expect(out).not.toMatch(/\b(select|from|where)\b/)
  })

  it('keeps the text around the SQL (a selection with its newline)', () => {
    expect(formatSql('\n  select 1\n\n', factsOf('sqlite'))).toBe('\n  SELECT\n  1\n\n')
    expect(formatSql('  \n', factsOf('sqlite'))).toBe('  \n')
  })

  it('keeps PostgreSQL dollar-quoted bodies as written', () => {
    const out = formatSql('create function f() returns int as $$ begin return 1; end; $$ language plpgsql', factsOf('postgres'))
    expect(out).toContain('$$ begin return 1; end; $$')
  })

  it('formats MySQL scripts with DELIMITER statement by statement, the DELIMITER lines untouched', () => {
    const sql = 'DELIMITER //\ncreate procedure p() begin select 1; select 2; end //\nDELIMITER ;\n-- after\nselect 3; select 4'
    const out = formatSql(sql, factsOf('mysql'))
    expect(out).toMatch(/^DELIMITER \/\/\nCREATE PROCEDURE p \(\) begin\nSELECT\n  1;\n\nSELECT\n  2;\n\nEND \/\/\n/)
    expect(out).toContain('END //\nDELIMITER ;\n-- after\nSELECT\n  3;\n\nSELECT\n  4')
  })

  it('picks the MariaDB formatter when the server says so', () => {
    expect(factsOf('mysql').formatterLanguage('MariaDB 11.4.2-MariaDB')).toBe('mariadb')
    expect(factsOf('mysql').formatterLanguage('MySQL 8.4.0')).toBe('mysql')
    expect(factsOf('mysql').formatterLanguage()).toBe('mysql')
  })

  it('formats generic SQL without a connection', () => {
    expect(formatSql('select 1 from t', undefined)).toBe('SELECT\n  1\nFROM\n  t')
  })

  it('reports SQL it cannot read in one short line instead of changing it', () => {
    for (const sql of ['select (1 from t', "select 'open"]) {
      const result = tryFormatSql(sql, factsOf('sqlite'))
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.message).toMatch(/^Parse error/)
      expect(result.message).not.toContain('\n')
      expect(result.message.length).toBeLessThanOrEqual(140)
    }
    expect(tryFormatSql('select 1', factsOf('sqlite'))).toEqual({ ok: true, text: 'SELECT\n  1' })
  })
})
