import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventName, PiiReport } from '../../src/shared/contract'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import { createTestApp } from '../app-harness'
import { dispatchValue } from '../support/dispatch-value'

describe('pii.* through the app (the sample database)', () => {
  let services: AppServices
  let dispatch: Dispatch
  const events: { name: EventName; payload: any }[] = []
  beforeAll(async () => {
    ;({ services, dispatch } = await createTestApp())
    services.events.subscribe((name, payload) => events.push({ name, payload }))
  })
  afterAll(async () => services.close())

  const value = <T,>(call: string, input: unknown): Promise<T> => dispatchValue<T>(dispatch, call, input)
  async function settled(connectionId: string): Promise<PiiReport> {
    for (let i = 0; i < 1200; i++) {
      const report = await value<PiiReport>('pii.report', { connectionId })
      if (report.state !== 'running') return report
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the scan did not finish')
  }

  it('scans in the background with progress, keeps the findings, and exports them masked', async () => {
    expect(await value('pii.report', { connectionId: 'sample' })).toMatchObject({ state: 'none', findings: [], scannedAt: null })
    const { jobId } = await value<{ jobId: string }>('pii.scan.start', { connectionId: 'sample' })
    // a second start while it runs is the same scan
    expect(await value('pii.scan.start', { connectionId: 'sample' })).toEqual({ jobId })
    const report = await settled('sample')
    expect(report).toMatchObject({ state: 'done', columnsFailed: 0, jobId: null, progress: null, error: null })
    const kindOf = (table: string, column: string) => report.findings.find((f) => f.table === table && f.column === column)?.kind
    expect(kindOf('customers', 'email')).toBe('email')
    expect(kindOf('customers', 'phone')).toBe('phone')
    expect(kindOf('customers', 'first_name')).toBe('person_name')
    expect(kindOf('customers', 'last_name')).toBe('person_name')
    expect(kindOf('customers', 'birth_date')).toBe('date_of_birth')
    expect(kindOf('addresses', 'line1')).toBe('postal_address')
    expect(kindOf('addresses', 'postal_code')).toBe('postal_address')
    expect(kindOf('suppliers', 'email')).toBe('email')
    // decoys of the sample: SKUs, tracking numbers, timestamps, payment references, company names
    for (const [t, c] of [['products', 'sku'], ['shipments', 'tracking_number'], ['customers', 'created_at'], ['payments', 'reference'], ['suppliers', 'company_name'], ['products', 'name']]) expect(kindOf(t!, c!), `${t}.${c}`).toBeUndefined()
    const progress = events.filter((e) => e.name === 'pii.progress' && e.payload.jobId === jobId).map((e) => e.payload)
    expect(progress.some((p) => p.state === 'running' && p.total > 0)).toBe(true)
    expect(progress.at(-1)).toMatchObject({ state: 'done', findings: report.findings.length })

    const email = report.findings.find((f) => f.table === 'customers' && f.column === 'email')!
    expect(email.evidence).toMatch(/^200\/200 sampled values are email addresses; the column name says email$/)
    for (const e of email.examples) expect(e).toMatch(/^\w\*\*\*@example\.com$/)

    const json = await value<{ path: string; exportId: string; count: number }>('pii.export', { connectionId: 'sample', format: 'json' })
    expect(json.count).toBe(report.findings.length)
    expect(services.downloadPath(json.exportId)).toBe(json.path)
    const exported = JSON.parse(readFileSync(json.path, 'utf8'))
    expect(exported).toMatchObject({ format: 'querygenie-pii-1', columnsScanned: report.columnsScanned })
    expect(exported.findings).toEqual(report.findings)
    const csv = await value<{ path: string }>('pii.export', { connectionId: 'sample', format: 'csv' })
    const lines = readFileSync(csv.path, 'utf8').trim().split('\r\n')
    expect(lines[0]).toBe('schema,table,column,kind,confidence,evidence,sampled,matched,examples,detail')
    expect(lines).toHaveLength(report.findings.length + 1)
    // no full value of the database reaches the export
    const text = readFileSync(json.path, 'utf8') + readFileSync(csv.path, 'utf8')
    expect(text).not.toContain('otho.goyette128@example.com')
    expect(text).not.toContain('(802) 713-4900')
    expect(text).not.toContain('6863 Brakus Heights')

    // the docs get a classification column
    const md = (await value<{ content: string }>('docs.preview', { connectionId: 'sample', schema: 'main', table: 'customers', format: 'markdown' })).content
    expect(md).toContain('| Classification |')
    expect(md).toMatch(/\| email \| .*\| email \(\d\.\d\d\) \|/)
  }, 120_000)

  it('cancels a running scan and keeps the previous findings', async () => {
    const before = await value<PiiReport>('pii.report', { connectionId: 'sample' })
    const { jobId } = await value<{ jobId: string }>('pii.scan.start', { connectionId: 'sample' })
    await value('pii.scan.cancel', { jobId })
    const after = await settled('sample')
    expect(after.state).toBe('cancelled')
    expect(after.scannedAt).toBe(before.scannedAt)
    expect(after.findings).toEqual(before.findings)
    expect(events.filter((e) => e.name === 'pii.progress' && e.payload.jobId === jobId).at(-1)?.payload.state).toBe('cancelled')
    expect(await dispatch('pii.scan.cancel', { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  }, 60_000)

  it('parses inputs with the contract; an unknown connection is NOT_FOUND', async () => {
    expect(await dispatch('pii.export', { connectionId: 'sample', format: 'xml' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('pii.scan.start', { connectionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch('pii.scan.cancel', { jobId: '../x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
