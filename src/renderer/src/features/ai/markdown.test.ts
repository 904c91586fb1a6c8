import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Markdown } from './Markdown'
import { parseMarkdown, safeHref } from './markdown'
import { hasMaskedValues, isSameSql, isSqlCode, sqlBlocksOf, sqlBlockTexts } from './sql-fences'

const html = (text: string): string => renderToStaticMarkup(createElement(Markdown, { text }))

describe('answer Markdown', () => {
  it('formats headings, lists, emphasis, tables and code', () => {
    const out = html('## Top customers\n\n- **Alice** has *12* orders\n- Bob has `3`\n\n3. third\n4. fourth\n\n| name | orders |\n|:--|--:|\n| Alice | 12 |\n')
    expect(out).toContain('<h2>Top customers</h2>')
    expect(out).toContain('<ul><li><strong>Alice</strong> has <em>12</em> orders</li><li>Bob has <code>3</code></li></ul>')
    expect(out).toContain('<ol start="3">')
    expect(html('1. one\n2. two')).toContain('<ol><li>one</li><li>two</li></ol>')
    expect(out).toContain('<th style="text-align:left">name</th><th style="text-align:right">orders</th>')
    expect(out).toContain('<td style="text-align:right">12</td>')
  })

  it('shows hostile HTML as text, never as markup', () => {
    const out = html('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there <b onclick="x()">bold</b>\n\n<iframe src="https://evil.example"></iframe>')
    expect(out).not.toMatch(/<(script|img|iframe|b)[\s>]/i)
    expect(out).not.toMatch(/on(error|click)="/i)
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;')
  })

  it('keeps HTML inside code blocks as text', () => {
    const out = html('```html\n<script>alert(1)</script>\n```\n\n`<img src=x onerror=alert(1)>`')
    expect(out).toContain('<pre class="md-code">&lt;script&gt;alert(1)&lt;/script&gt;</pre>')
    expect(out).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>')
  })

  it('links only to https, opened outside the app; other links and images are text', () => {
    const out = html(
      '[docs](https://www.postgresql.org/docs/) [bad](javascript:alert(1)) [bad2](JaVaScRiPt:alert(1)) [data](data:text/html,<script>x</script>) [plain](http://example.com) ![pixel](https://tracker.example/p.png) https://bare.example'
    )
    expect(out).toContain('<a href="https://www.postgresql.org/docs/" title="https://www.postgresql.org/docs/" target="_blank" rel="noopener noreferrer">docs</a>')
    expect(out.match(/<a /g)).toHaveLength(1)
    expect(out).not.toMatch(/href="(javascript|data|http:)/i)
    expect(out).not.toContain('<img')
    expect(out).toContain('[image: pixel]')
    expect(out).toContain('https://bare.example')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref(' https://x.example/a')).toBe('https://x.example/a')
  })

  it('draws a half-streamed answer (an unclosed fence) without failing', () => {
    expect(html('Here:\n```sql\nSELECT * FROM cust')).toContain('<pre class="md-code">SELECT * FROM cust</pre>')
    expect(html('**bold but not yet clo')).toContain('**bold but not yet clo')
  })
})

describe('SQL blocks of an answer', () => {
  it('finds every SQL block: labelled, and unlabelled ones that read as SQL', () => {
    const answer =
      'First:\n```sql\nSELECT 1;\n```\nThen:\n```\n-- the second\nUPDATE t SET a = 1;\n```\nNot SQL:\n```\nsome output\n```\n```python\nprint("select")\n```\n```PostgreSQL\nDELETE FROM t;\n```'
    expect(sqlBlocksOf(answer)).toEqual(['SELECT 1;', '-- the second\nUPDATE t SET a = 1;', 'DELETE FROM t;'])
  })

  it('tells SQL from other code', () => {
    expect(isSqlCode('', 'with x as (select 1) select * from x')).toBe(true)
    expect(isSqlCode('', '/* note */ select 1')).toBe(true)
    expect(isSqlCode('', 'selection sort')).toBe(false)
    expect(isSqlCode('json', 'select')).toBe(false)
  })

  it('matches a block whose values were hidden from the model with the SQL that has them back', () => {
    expect(hasMaskedValues("WHERE status = '?1'")).toBe(true)
    expect(isSameSql("SELECT * FROM o WHERE status = '?1' AND id > 2", "SELECT * FROM o WHERE status = 'it''s' AND id > 2")).toBe(true)
    expect(isSameSql("SELECT * FROM o WHERE status = '?1'", "SELECT * FROM p WHERE status = 'x'")).toBe(false)
    expect(isSameSql('SELECT 1;\n', 'SELECT 1;')).toBe(true)
  })

  it('shows the extracted block as the main process sent it (values put back), the others as written', () => {
    const answer = "Orders in a region:\n```sql\nSELECT * FROM o WHERE region = '?1';\n```\nAnd all of them:\n```sql\nSELECT * FROM o;\n```\n```sql\n```"
    const shown = [...sqlBlockTexts(parseMarkdown(answer), "SELECT * FROM o WHERE region = 'north';").values()]
    expect(shown).toEqual(["SELECT * FROM o WHERE region = 'north';", 'SELECT * FROM o;'])
    expect([...sqlBlockTexts(parseMarkdown(answer), 'SELECT 42').values()]).toEqual(["SELECT * FROM o WHERE region = '?1';", 'SELECT * FROM o;'])
  })
})
