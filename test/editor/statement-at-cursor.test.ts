import { describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { statementAt } from '../../src/main/services/query/statement-at'

interface Range {
  start: number
  end: number
}
// The renderer's module by path: this project (tsconfig.node.json) does not include the renderer, whose own project
// type-checks it; a literal import would pull the file in here.
const rendererModule = '../../src/renderer/src/features/editor/statement-range'
const { statementRanges, statementRangeAt } = (await import(/* @vite-ignore */ rendererModule)) as {
  statementRanges(sql: string, dialect: Dialect): Range[]
  statementRangeAt(ranges: readonly Range[], offset: number): Range | null
}

// The editor shades the statement Ctrl+Enter would run; main decides what runs. Both must agree at every cursor offset.
const cases: { name: string; dialect: Dialect; sql: string }[] = [
  { name: 'two statements on their own lines', dialect: 'sqlite', sql: 'select 1;\nselect 2;\n' },
  { name: 'two statements on one line', dialect: 'postgres', sql: 'select 1; select 2' },
  { name: 'blank lines and a trailing blank', dialect: 'sqlite', sql: '\n\nselect 1;\n\n\nselect 2\n\n' },
  { name: 'comments, inline and before a statement', dialect: 'sqlite', sql: "select ';' as a; -- not ; here\n\nselect /* ; */ 2;\n\n" },
  { name: 'a comment-only tail', dialect: 'postgres', sql: 'select 1; -- note\n/* and more */' },
  { name: 'strings with ;', dialect: 'mysql', sql: "select 'a;b', \"c;d\", 'e\\';f';\nselect 2" },
  { name: 'MySQL # comments', dialect: 'mysql', sql: 'select 1; # c ;\nselect 2' },
  { name: 'MySQL executable comment', dialect: 'mysql', sql: 'select 1; /*!50000 select 2 */' },
  {
    name: 'PostgreSQL dollar quotes',
    dialect: 'postgres',
    sql: 'select 1;\ncreate function f() returns int as $$\nbegin\n  return 1; -- inner ;\nend;\n$$ language plpgsql;\nselect $tag$ ; $tag$;\nselect 2'
  },
  { name: 'DuckDB dollar quotes', dialect: 'duckdb', sql: "select $$a;b$$;\nselect 'x'" },
  { name: 'MySQL DELIMITER', dialect: 'mysql', sql: 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT 3;' },
  { name: 'T-SQL GO batches', dialect: 'mssql', sql: 'select 1\nGO\nselect 2\nselect 3\nGO\n\nselect [a;b] from t' },
  { name: 'SQLite brackets', dialect: 'sqlite', sql: 'select [x;y] from t; select 2' },
  { name: 'only whitespace', dialect: 'sqlite', sql: '  \n ' },
  { name: 'empty', dialect: 'postgres', sql: '' }
]

describe('statement at the cursor: the editor agrees with main', () => {
  it.each(cases)('$name ($dialect)', ({ sql, dialect }) => {
    const ranges = statementRanges(sql, dialect)
    for (let offset = 0; offset <= sql.length; offset++) {
      const piece = statementAt(sql, dialect, offset)
      const expected = piece && { start: piece.offset, end: piece.offset + piece.text.length }
      expect(statementRangeAt(ranges, offset), `offset ${offset}`).toEqual(expected)
    }
  })

  it('covers the statements one expects', () => {
    const sql = 'select 1;\nselect 2;\n'
    const ranges = statementRanges(sql, 'sqlite')
    expect(ranges.map((r) => sql.slice(r.start, r.end))).toEqual(['select 1', 'select 2'])
    expect(statementRangeAt(ranges, sql.length)).toEqual(ranges[1])
    const delimiter = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT 3;'
    const at = statementRangeAt(statementRanges(delimiter, 'mysql'), delimiter.indexOf('SELECT 2'))!
    expect(delimiter.slice(at.start, at.end)).toBe('CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END')
  })
})
