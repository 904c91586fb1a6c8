import { useMemo, useState } from 'react'
import { type Dialect, dialects } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import { PathField } from '../../app/BrowseButton'
import { useEscapeKey } from '../../app/use-escape-key'
import { suggestedName, validate, type ConnectionForm } from './connection-form'
import { urlPastePlaceholder } from './url-paste-placeholder'
import { useConnectionsStore } from './connections-store'
import './connections.css'

const tags = ['none', 'development', 'staging', 'production'] as const
const sslModes = ['disable', 'require', 'verify-ca', 'verify-full'] as const
const ALL_FILES = { name: 'All files', extensions: ['*'] }
const certFilters = [{ name: 'Certificates and keys', extensions: ['pem', 'crt', 'cer', 'key'] }, ALL_FILES]
const sslFiles = [
  { key: 'caPath', label: 'CA certificate file', testId: 'browse-sslCa' },
  { key: 'certPath', label: 'Client certificate file', testId: 'browse-sslCert' },
  { key: 'keyPath', label: 'Client key file', testId: 'browse-sslKey' }
] as const

function FieldError({ errors, path }: { errors: Record<string, string>; path: string }): React.JSX.Element | null {
  const message = errors[path]
  return message ? (
    <span className="field-error" data-testid={`error-${path}`}>
      {message}
    </span>
  ) : null
}

/** Create / edit a connection: per-engine fields, URL paste, Test, SSL and SSH sections. */
export function ConnectionDialog(): React.JSX.Element | null {
  const { dialog, setForm, closeDialog, pasteUrl, test, save, testing, saving, testOutcome, serverErrors, dialogError } = useConnectionsStore()
  const [url, setUrl] = useState('')
  const [touched, setTouched] = useState(false)
  const form = dialog?.form
  const clientErrors = useMemo(() => (form ? validate(form) : {}), [form])
  useEscapeKey(closeDialog, !!dialog)
  if (!dialog || !form) return null
  const errors = { ...(touched ? clientErrors : {}), ...serverErrors }
  const facts = factsOf(form.dialect)
  const fileFilters = facts.fileExtensions ? [{ name: `${facts.label} database`, extensions: [...facts.fileExtensions] }, ALL_FILES] : [ALL_FILES]
  const ssh = form.ssh ?? { enabled: false, host: '', port: 22, user: '', auth: 'password' as const }
  const ssl = form.ssl ?? { mode: 'disable' as const }
  const update = (patch: Partial<ConnectionForm>): void => setForm({ ...form, ...patch })

  const onTagChange = (tag: (typeof tags)[number]): void => {
    // production starts read-only; the user may still untick it afterwards
    update({ tag, ...(tag === 'production' && { readOnly: true }) })
  }
  // an empty name takes the suggested one (shown as the placeholder) instead of blocking Test and Save
  const named = (): ConnectionForm => {
    if (form.name?.trim() || !suggestedName(form)) return form
    const withName = { ...form, name: suggestedName(form) }
    // counted as filled in for the user, so a URL pasted afterwards may still rename it
    useConnectionsStore.setState({ dialog: { ...dialog, form: withName, fromUrl: { ...dialog.fromUrl, name: withName.name } } })
    return withName
  }
  const onSave = async (): Promise<void> => {
    setTouched(true)
    if (Object.keys(validate(named())).length === 0) await save()
  }
  const onTest = async (): Promise<void> => {
    setTouched(true)
    if (Object.keys(validate(named())).length === 0) await test()
    else useConnectionsStore.setState({ testOutcome: undefined }) // an earlier outcome no longer describes these fields
  }

  return (
    // a click beside the form must not throw away what was typed (password included): Cancel or Escape close it
    <div className="modal-backdrop">
      <div className="modal connection-dialog" role="dialog" aria-label="Connection" data-testid="connection-dialog">
        <h2>{dialog.editingId ? 'Edit connection' : 'New connection'}</h2>

        <div className="url-paste">
          <input
            placeholder={urlPastePlaceholder}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onPaste={(e) => {
              const text = e.clipboardData.getData('text')
              if (text) setTimeout(() => void pasteUrl(text), 0)
            }}
            onKeyDown={(e) => e.key === 'Enter' && void pasteUrl(url)}
            data-testid="connection-url"
          />
          <button onClick={() => void pasteUrl(url)} data-testid="connection-url-fill">
            Fill from URL
          </button>
        </div>
        <FieldError errors={errors} path="url" />

        <div className="form-grid">
          <label>
            Name
            <input value={form.name ?? ''} placeholder={suggestedName(form)} onChange={(e) => update({ name: e.target.value })} data-testid="field-name" />
            <FieldError errors={errors} path="name" />
          </label>
          <label>
            Database type
            <select
              value={form.dialect}
              onChange={(e) => update({ dialect: e.target.value as Dialect, port: undefined })}
              data-testid="field-dialect"
            >
              {dialects.map((d) => (
                <option key={d} value={d}>
                  {factsOf(d).label}
                </option>
              ))}
            </select>
          </label>
        </div>

        {facts.fileBased ? (
          <label>
            Database file
            <PathField kind="file" title={`${facts.label} database file`} filters={fileFilters} defaultPath={form.filePath} onPick={(filePath) => update({ filePath })} testId="browse-filePath">
              <input value={form.filePath ?? ''} placeholder={`/path/to/database.${facts.fileExtensions?.[0] ?? 'db'}`} onChange={(e) => update({ filePath: e.target.value })} data-testid="field-filePath" />
            </PathField>
            <FieldError errors={errors} path="filePath" />
          </label>
        ) : (
          <>
            <div className="form-grid host-port">
              <label>
                Host
                <input value={form.host ?? ''} onChange={(e) => update({ host: e.target.value })} data-testid="field-host" />
                <FieldError errors={errors} path="host" />
              </label>
              <label>
                Port
                <input
                  type="number"
                  value={form.port ?? ''}
                  placeholder={String(facts.defaultPort ?? '')}
                  onChange={(e) => update({ port: e.target.value === '' ? undefined : Number(e.target.value) })}
                  data-testid="field-port"
                />
                <FieldError errors={errors} path="port" />
              </label>
            </div>
            <div className="form-grid">
              <label>
                User
                <input value={form.user ?? ''} autoComplete="off" onChange={(e) => update({ user: e.target.value })} data-testid="field-user" />
              </label>
              <label>
                Password
                <input
                  type="password"
                  autoComplete="new-password"
                  value={form.password ?? ''}
                  placeholder={dialog.hasPassword && form.password !== null ? 'saved — leave empty to keep' : ''}
                  onChange={(e) => update({ password: e.target.value })}
                  data-testid="field-password"
                />
                {dialog.hasPassword && (
                  <span className="hint">
                    <label className="checkbox inline">
                      <input type="checkbox" checked={form.password === null} onChange={(e) => update({ password: e.target.checked ? null : undefined })} />
                      forget saved password
                    </label>
                  </span>
                )}
              </label>
            </div>
            <div className="form-grid">
              <label>
                Database
                <input value={form.database ?? ''} onChange={(e) => update({ database: e.target.value })} data-testid="field-database" />
              </label>
              <label>
                Default schema
                <input value={form.defaultSchema ?? ''} onChange={(e) => update({ defaultSchema: e.target.value })} data-testid="field-defaultSchema" />
              </label>
            </div>
          </>
        )}

        <div className="form-grid">
          <label>
            Tag
            <select value={form.tag ?? 'none'} onChange={(e) => onTagChange(e.target.value as (typeof tags)[number])} data-testid="field-tag">
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Colour
            <input type="color" value={form.color ?? '#2f6fed'} onChange={(e) => update({ color: e.target.value })} data-testid="field-color" />
          </label>
          <label>
            Connect timeout (s)
            <input
              type="number"
              min={0.5}
              max={120}
              step={0.5}
              value={(form.connectTimeoutMs ?? 10_000) / 1000}
              onChange={(e) => update({ connectTimeoutMs: Math.round(Number(e.target.value) * 1000) })}
              data-testid="field-timeout"
            />
            <FieldError errors={errors} path="connectTimeoutMs" />
          </label>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={form.readOnly ?? false} onChange={(e) => update({ readOnly: e.target.checked })} data-testid="field-readOnly" />
          Read-only
        </label>
        {form.readOnly && facts.readOnlyEnforcement === 'guarded' && (
          <p className="hint warn" data-testid="guarded-readonly-notice">
            {facts.label} cannot make a session read-only. QueryGenie refuses statements that write and runs every batch in a
            transaction that is rolled back — a best effort, not a guarantee. Use a login with read-only rights for that.
          </p>
        )}
        {form.readOnly && facts.readOnlyRoleSql && <ReadOnlyRoleSql sql={facts.readOnlyRoleSql({ role: 'querygenie_reader', database: form.database?.trim() || 'your_database' })} />}

        {!facts.fileBased && (
          <details className="form-section" open={ssl.mode !== 'disable'}>
            <summary>SSL / TLS</summary>
            <label>
              Mode
              <select value={ssl.mode} onChange={(e) => update({ ssl: { ...ssl, mode: e.target.value as (typeof sslModes)[number] } })} data-testid="field-sslMode">
                {sslModes.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            {ssl.mode !== 'disable' &&
              sslFiles.map(({ key, label, testId }) => (
                <label key={key}>
                  {label}
                  <PathField kind="file" title={label} filters={certFilters} defaultPath={ssl[key]} onPick={(path) => update({ ssl: { ...ssl, [key]: path } })} testId={testId}>
                    <input value={ssl[key] ?? ''} onChange={(e) => update({ ssl: { ...ssl, [key]: e.target.value || undefined } })} />
                  </PathField>
                </label>
              ))}
          </details>
        )}

        {!facts.fileBased && (
          <details className="form-section" open={ssh.enabled}>
            <summary>SSH tunnel</summary>
            <label className="checkbox">
              <input type="checkbox" checked={ssh.enabled} onChange={(e) => update({ ssh: { ...ssh, enabled: e.target.checked } })} data-testid="field-sshEnabled" />
              Connect through an SSH server
            </label>
            {ssh.enabled && (
              <>
                <div className="form-grid host-port">
                  <label>
                    SSH host
                    <input value={ssh.host ?? ''} onChange={(e) => update({ ssh: { ...ssh, host: e.target.value } })} />
                    <FieldError errors={errors} path="ssh.host" />
                  </label>
                  <label>
                    Port
                    <input type="number" value={ssh.port ?? 22} onChange={(e) => update({ ssh: { ...ssh, port: Number(e.target.value) } })} />
                    <FieldError errors={errors} path="ssh.port" />
                  </label>
                </div>
                <div className="form-grid">
                  <label>
                    SSH user
                    <input value={ssh.user ?? ''} onChange={(e) => update({ ssh: { ...ssh, user: e.target.value } })} />
                    <FieldError errors={errors} path="ssh.user" />
                  </label>
                  <label>
                    Authentication
                    <select value={ssh.auth ?? 'password'} onChange={(e) => update({ ssh: { ...ssh, auth: e.target.value as 'password' | 'key' | 'agent' } })}>
                      <option value="password">password</option>
                      <option value="key">private key</option>
                      <option value="agent">SSH agent</option>
                    </select>
                  </label>
                </div>
                {ssh.auth === 'key' && (
                  <label>
                    Private key file
                    <PathField kind="file" title="SSH private key file" defaultPath={ssh.privateKeyPath || '~/.ssh'} onPick={(privateKeyPath) => update({ ssh: { ...ssh, privateKeyPath } })} testId="browse-sshKey">
                      <input value={ssh.privateKeyPath ?? ''} placeholder="~/.ssh/id_ed25519" onChange={(e) => update({ ssh: { ...ssh, privateKeyPath: e.target.value } })} />
                    </PathField>
                    <FieldError errors={errors} path="ssh.privateKeyPath" />
                  </label>
                )}
                {ssh.hostKeyFingerprint && (
                  <p className="hint" data-testid="ssh-host-key">
                    Pinned host key: <code>{ssh.hostKeyFingerprint}</code>{' '}
                    <button onClick={() => update({ ssh: { ...ssh, hostKeyFingerprint: undefined } })}>Forget</button>
                  </p>
                )}
                {ssh.auth !== 'agent' && (
                  <label>
                    {ssh.auth === 'key' ? 'Key passphrase (if any)' : 'SSH password'}
                    <input
                      type="password"
                      autoComplete="new-password"
                      value={form.sshSecret ?? ''}
                      placeholder={dialog.hasSshSecret ? 'saved — leave empty to keep' : ''}
                      onChange={(e) => update({ sshSecret: e.target.value })}
                    />
                  </label>
                )}
              </>
            )}
          </details>
        )}

        {testOutcome && (
          <p className={testOutcome.ok ? 'test-outcome ok' : 'test-outcome inline-error'} data-testid="connection-test-result" data-code={testOutcome.code ?? 'OK'}>
            {testOutcome.text}
          </p>
        )}
        {dialogError && (
          <p className="inline-error" data-testid="connection-dialog-error">
            {dialogError}
          </p>
        )}

        <div className="modal-actions">
          <button onClick={() => void onTest()} disabled={testing} data-testid="connection-test">
            {testing ? 'Testing…' : 'Test'}
          </button>
          <span className="spacer" />
          <button onClick={closeDialog}>Cancel</button>
          <button className="primary" onClick={() => void onSave()} disabled={saving} data-testid="connection-save">
            Save
          </button>
        </div>
      </div>
    </div>
  )
}

/** The SQL that makes read-only absolute: a login whose rights only allow reading (for an administrator to run). */
function ReadOnlyRoleSql({ sql }: { sql: string }): React.JSX.Element {
  return (
    <details className="form-section" data-testid="read-only-role">
      <summary>Make it absolute: a login that can only read</summary>
      <p className="hint">Read-only mode stops mistakes; only the database’s own rights stop everything. An administrator can create such a login:</p>
      <pre className="role-sql" data-testid="read-only-role-sql">{sql}</pre>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(sql).catch(() => undefined)}>
        Copy SQL
      </button>
    </details>
  )
}
