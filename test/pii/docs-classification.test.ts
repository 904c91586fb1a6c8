import { describe, expect, it } from 'vitest'
import { SchemaModel } from '../../src/shared/schema-model'
import { renderDocs } from '../../src/main/services/docs/exporter'

const model = SchemaModel.parse({
  dialect: 'postgres',
  database: 'shop',
  defaultSchema: 'public',
  schemas: ['public'],
  fingerprint: 'fixture',
  enums: [],
  tables: [{ schema: 'public', name: 'customers', kind: 'table', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'email', type: 'text', nullable: false }], primaryKey: { columns: ['id'] } }],
  introspectedAt: '2026-11-27T00:00:00.000Z'
})

describe('the docs classification column', () => {
  it('shows what the PII scan found in Markdown, HTML and classifications.json', async () => {
    const files = await renderDocs({ model, formats: ['md', 'html', 'json'], classifications: [{ schema: 'public', table: 'customers', column: 'email', label: 'email (0.99)' }] })
    const md = files.get('public.customers.md')!
    expect(md).toContain('| Key | Comment | Classification |')
    expect(md).toMatch(/\| email \| .* \| email \(0\.99\) \|/)
    expect(md).toMatch(/\| id \| .* \|  \|$/m)
    expect(files.get('index.html')).toContain('<th>Classification</th>')
    expect(files.get('index.html')).toContain('<td class="classification">email (0.99)</td>')
    expect(JSON.parse(files.get('classifications.json')!)).toEqual([{ schema: 'public', table: 'customers', column: 'email', label: 'email (0.99)' }])
  })

  it('has no such column without a scan (headless docs)', async () => {
    const files = await renderDocs({ model, formats: ['md', 'html', 'json'] })
    expect(files.get('public.customers.md')).not.toContain('Classification')
    expect(files.get('index.html')).not.toContain('<th>Classification</th>')
    expect(files.has('classifications.json')).toBe(false)
  })
})
