import type { ActivitySnapshot, AuditEntry, ConnectionInput } from '../../src/shared/contract'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import { createTestApp } from '../app-harness'

/** The real app services driven through the dispatcher, with the few calls the activity tests make. */
export class ActivityClient {
  private constructor(
    private readonly services: AppServices,
    readonly dispatch: Dispatch
  ) {}

  static async start(): Promise<ActivityClient> {
    const { services, dispatch } = await createTestApp()
    return new ActivityClient(services, dispatch)
  }

  /** `input`: connections.create's fields (parseConnectionUrl's output plus a name and dialect). */
  async connection(input: Partial<Record<keyof ConnectionInput, unknown>> & Pick<ConnectionInput, 'dialect' | 'name'>): Promise<string> {
    return ((await this.ok('connections.create', input)) as { id: string }).id
  }

  async snapshot(connectionId: string, includeOwn?: boolean): Promise<ActivitySnapshot> {
    return (await this.ok('activity.snapshot', { connectionId, ...(includeOwn && { includeOwn }) })) as ActivitySnapshot
  }

  async auditEntries(connectionId: string): Promise<AuditEntry[]> {
    return ((await this.ok('audit.list', { connectionId, limit: 1000 })) as { entries: AuditEntry[] }).entries
  }

  async ok(name: string, input: unknown): Promise<unknown> {
    const r = await this.dispatch(name, input)
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`)
    return r.value
  }

  close(): Promise<void> {
    return this.services.close()
  }
}
