import { create } from 'zustand'
import type { z } from 'zod'
import type { ConnectionStatus } from '../../../../shared/contract/connections'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { cleanForm, emptyForm, formFromProfile, isFileBased, type ConnectionForm } from './connection-form'

type Status = z.infer<typeof ConnectionStatus>

export interface TestOutcome {
  ok: boolean
  text: string
  code?: string
}

interface ConnectionsState {
  statuses: Record<string, Status>
  /** `fromUrl`: what the last pasted URL filled in, so the next paste may replace it but never what the user typed */
  dialog?: { editingId?: string; form: ConnectionForm; hasPassword: boolean; hasSshSecret: boolean; fromUrl?: { name?: string; password?: string | null } }
  saving: boolean
  testing: boolean
  testOutcome?: TestOutcome
  serverErrors: Record<string, string>
  dialogError?: string
  openNew(): void
  openEdit(id: string): void
  closeDialog(): void
  setForm(form: ConnectionForm): void
  pasteUrl(url: string): Promise<void>
  test(): Promise<void>
  save(): Promise<boolean>
  duplicate(id: string): Promise<void>
  remove(id: string): Promise<void>
  connect(id: string): Promise<void>
  disconnect(id: string): Promise<void>
  /** A page opened after main's connections changed state missed those events: ask for them all once. */
  loadStatuses(): Promise<void>
}

function issuesOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (error instanceof ApiError) for (const i of error.detail?.issues ?? []) out[i.path] ??= i.message
  return out
}

export const useConnectionsStore = create<ConnectionsState>((set, get) => ({
  statuses: {},
  saving: false,
  testing: false,
  serverErrors: {},
  openNew() {
    set({ dialog: { form: emptyForm(), hasPassword: false, hasSshSecret: false }, testOutcome: undefined, serverErrors: {}, dialogError: undefined })
  },
  openEdit(id) {
    const profile = useAppStore.getState().connections.find((c) => c.id === id)
    if (!profile) return
    set({
      dialog: { editingId: id, form: formFromProfile(profile), hasPassword: profile.hasPassword, hasSshSecret: profile.hasSshSecret },
      testOutcome: undefined,
      serverErrors: {},
      dialogError: undefined
    })
  },
  closeDialog() {
    set({ dialog: undefined, testOutcome: undefined, serverErrors: {}, dialogError: undefined })
  },
  setForm(form) {
    const dialog = get().dialog
    if (dialog) set({ dialog: { ...dialog, form } })
  },
  async pasteUrl(url) {
    const dialog = get().dialog
    if (!dialog || !url.trim()) return
    try {
      const parsed = await api.call('connections.parseUrl', { url })
      const base = dialog.form
      const typedName = base.name?.trim() && base.name !== dialog.fromUrl?.name
      const form: ConnectionForm = {
        ...base,
        ...parsed,
        name: typedName ? base.name : (parsed.name ?? base.name),
        ssl: parsed.ssl ? { ...parsed.ssl } : base.ssl,
        ssh: base.ssh
      }
      // a URL without a password must not keep the one an earlier URL filled in
      if (!('password' in parsed) && base.password && base.password === dialog.fromUrl?.password) form.password = ''
      if (parsed.dialect && !isFileBased(form) && parsed.port === undefined) delete form.port
      const fromUrl = { name: form.name, password: 'password' in parsed ? form.password : undefined }
      set({ dialog: { ...dialog, form, fromUrl }, dialogError: undefined, serverErrors: {} })
    } catch (error) {
      set({ dialogError: errorMessage(error), serverErrors: issuesOf(error) })
    }
  },
  async test() {
    const dialog = get().dialog
    if (!dialog) return
    set({ testing: true, testOutcome: undefined })
    try {
      const r = await api.call('connections.test', { id: dialog.editingId, profile: cleanForm(dialog.form) as never })
      const hostKey = r.sshHostKeyFingerprint ? ` · SSH host key ${r.sshHostKeyFingerprint}` : ''
      set({ testOutcome: { ok: true, text: `Connected in ${r.latencyMs} ms — ${r.serverVersion}${hostKey}` } })
    } catch (error) {
      set({ testOutcome: { ok: false, text: errorMessage(error), code: error instanceof ApiError ? error.code : undefined }, serverErrors: issuesOf(error) })
    } finally {
      set({ testing: false })
    }
  },
  async save() {
    const dialog = get().dialog
    if (!dialog) return false
    set({ saving: true, dialogError: undefined, serverErrors: {} })
    try {
      const input = cleanForm(dialog.form) as never
      const saved = dialog.editingId
        ? await api.call('connections.update', { id: dialog.editingId, patch: input })
        : await api.call('connections.create', input)
      await useAppStore.getState().refreshConnections()
      useAppStore.getState().browseConnection(saved.id)
      set({ dialog: undefined, testOutcome: undefined })
      return true
    } catch (error) {
      set({ dialogError: errorMessage(error), serverErrors: issuesOf(error) })
      return false
    } finally {
      set({ saving: false })
    }
  },
  async duplicate(id) {
    const copy = await api.call('connections.duplicate', { id })
    await useAppStore.getState().refreshConnections()
    get().openEdit(copy.id)
  },
  async remove(id) {
    await api.call('connections.delete', { id })
    await useAppStore.getState().refreshConnections()
  },
  async connect(id) {
    try {
      await api.call('connections.connect', { id })
    } catch {
      // the status event carries the message
    }
  },
  async disconnect(id) {
    await api.call('connections.disconnect', { id })
  },
  async loadStatuses() {
    const known = await api.call('connections.statuses', {}).catch(() => [])
    // an event that arrived meanwhile is newer than this answer
    set((s) => ({ statuses: { ...Object.fromEntries(known.map((k) => [k.id, k])), ...s.statuses } }))
  }
}))

api.on('connections.status', (status) => {
  useConnectionsStore.setState((s) => ({ statuses: { ...s.statuses, [status.id]: status } }))
})
