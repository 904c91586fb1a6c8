import type { z } from 'zod'
import type { ConnectionInput, SslMode } from '../../../shared/contract/connections'
import { engineFacts } from '../../../shared/engines'
import { factsForFileName, factsForUrlScheme, fileBasedFacts } from '../../../shared/engines/lookup'
import type { EngineFacts } from '../../../shared/engines/types'
import { AppError } from '../../../shared/errors'
import { fileNameOf } from '../../../shared/file-name'

type Parsed = Partial<z.input<typeof ConnectionInput>>
type Ssl = z.infer<typeof SslMode>

const sslModes: Record<string, Ssl> = {
  disable: 'disable',
  allow: 'disable',
  prefer: 'disable',
  require: 'require',
  required: 'require',
  'verify-ca': 'verify-ca',
  verify_ca: 'verify-ca',
  'verify-full': 'verify-full',
  verify_identity: 'verify-full'
}

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message, { issues: [{ path: 'url', message }] })
}

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on|required?)$/i.test(v)

const orList = (words: string[]): string => (words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? ''))
const aFilePath = (): string => `a ${orList(fileBasedFacts().map((f) => f.label))} file path`

/** Fills the connection form from a pasted URL, JDBC URL or database file path. Never connects. */
export function parseConnectionUrl(input: string): Parsed {
  const text = input.trim()
  if (!text) throw invalid(`Paste a connection URL or ${aFilePath()}.`)
  if (/^jdbc:sqlserver:/i.test(text)) return parseJdbcSqlServer(text)
  const withoutJdbc = text.replace(/^jdbc:/i, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(withoutJdbc)?.[1].toLowerCase()
  if (scheme === 'file') return databaseFile(decodeURIComponent(withoutJdbc.replace(/^file:(\/\/)?/i, '').replace(/\?.*$/, '')))
  if (!scheme || /^[a-z]$/i.test(scheme)) {
    // no scheme (or a Windows drive letter): a file path
    if (/[/\\]/.test(text) || factsForFileName(text)) return databaseFile(text)
    const serverSchemes = Object.values(engineFacts).filter((f) => !f.fileBased).flatMap((f) => f.urlSchemes.map((s) => `${s}://`))
    throw invalid(`Not a connection URL: expected ${[...serverSchemes, 'jdbc:…'].join(', ')} or ${aFilePath()}.`)
  }
  const facts = factsForUrlScheme(scheme)
  if (!facts) throw invalid(`Unknown database type "${scheme}": expected ${orList(Object.values(engineFacts).flatMap((f) => f.urlSchemes))}.`)
  if (facts.fileBased) return databaseFile(decodeURIComponent(withoutJdbc.replace(/^[a-z0-9]+:(\/\/)?/i, '').replace(/\?.*$/, '')), facts)

  let url: URL
  try {
    // WHATWG URL only parses userinfo/host/port for "special" schemes; borrow http's rules.
    url = new URL(withoutJdbc.replace(/^[a-z0-9+.-]+:/i, 'http:'))
  } catch {
    throw invalid('That URL could not be read: check the host, port and escaping.')
  }
  const q = new Map([...url.searchParams.entries()].map(([k, v]) => [k.toLowerCase(), v]))
  const out: Parsed = { dialect: facts.dialect }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (host) out.host = host
  if (url.port) out.port = Number(url.port)
  const user = url.username ? decodeURIComponent(url.username) : (q.get('user') ?? q.get('username'))
  if (user) out.user = user
  const password = url.password ? decodeURIComponent(url.password) : q.get('password')
  if (password) out.password = password
  const database = decodeURIComponent(url.pathname.replace(/^\//, '').split('/')[0] ?? '') || q.get('database') || q.get('databasename') || q.get('dbname')
  if (database) out.database = database

  const sslmode = q.get('sslmode') ?? q.get('ssl-mode') ?? q.get('ssl_mode')
  let mode: Ssl | undefined = sslmode ? sslModes[sslmode.toLowerCase()] : undefined
  if (!mode && (truthy(q.get('ssl')) || truthy(q.get('encrypt')) || truthy(q.get('useSSL'.toLowerCase())))) mode = 'require'
  if (!mode && facts.urlEncryptVerifiesCertificate && !truthy(q.get('trustservercertificate')) && q.has('encrypt')) mode = 'verify-full'
  const caPath = q.get('sslrootcert') ?? q.get('sslca') ?? q.get('ssl-ca')
  const certPath = q.get('sslcert') ?? q.get('ssl-cert')
  const keyPath = q.get('sslkey') ?? q.get('ssl-key')
  if (mode || caPath || certPath || keyPath) {
    out.ssl = { mode: mode ?? 'require', ...(caPath && { caPath }), ...(certPath && { certPath }), ...(keyPath && { keyPath }) }
  }
  const timeout = q.get('connect_timeout') ?? q.get('connecttimeout') ?? q.get('connectiontimeout')
  if (timeout && Number(timeout) > 0) out.connectTimeoutMs = clampTimeout(urlTimeoutMs(Number(timeout), facts))
  const schema = q.get('currentschema') ?? q.get('search_path') ?? q.get('schema') ?? searchPathFromOptions(q.get('options'))
  if (schema) out.defaultSchema = schema.split(',')[0].trim()
  out.name = nameFor(out)
  return out
}

function searchPathFromOptions(options: string | undefined): string | undefined {
  return options ? /search_path=([^\s]+)/.exec(options)?.[1] : undefined
}

function urlTimeoutMs(timeout: number, facts: EngineFacts): number {
  return facts.urlTimeoutMsAbove !== undefined && timeout > facts.urlTimeoutMsAbove ? timeout : timeout * 1000
}

function clampTimeout(ms: number): number {
  return Math.min(120_000, Math.max(500, Math.round(ms)))
}

function nameFor(p: Parsed): string {
  const where = p.host ? (p.port ? `${p.host}:${p.port}` : p.host) : 'localhost'
  return p.database ? `${p.database} @ ${where}` : where
}

/** A database file: of the engine its URL scheme named, else the one its file name suggests, else the first file-based engine. */
function databaseFile(path: string, named?: EngineFacts): Parsed {
  const filePath = path.trim()
  const facts = named ?? factsForFileName(filePath) ?? fileBasedFacts()[0]!
  if (!filePath) throw invalid(`The ${facts.label} URL has no file path.`)
  return { dialect: facts.dialect, filePath, name: fileNameOf(filePath) }
}

/** jdbc:sqlserver://host[\instance][:port];databaseName=db;user=u;password=p;encrypt=true;trustServerCertificate=false */
function parseJdbcSqlServer(text: string): Parsed {
  const [head, ...props] = splitOutsideBraces(text.replace(/^jdbc:sqlserver:\/\//i, ''))
  const m = /^(\[[^\]]+\]|[^:\\]*)(?:\\([^:]+))?(?::(\d+))?$/.exec(head)
  if (!m) throw invalid('That JDBC URL could not be read: expected jdbc:sqlserver://host:port;databaseName=…')
  const kv = new Map(
    props
      .filter((p) => p.includes('='))
      .map((p) => {
        const i = p.indexOf('=')
        return [p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim().replace(/^\{(.*)\}$/, '$1')] as const
      })
  )
  const out: Parsed = { dialect: 'mssql' }
  if (m[1]) out.host = m[1].replace(/^\[(.*)\]$/, '$1')
  const port = m[3] ?? kv.get('portnumber')
  if (port) out.port = Number(port)
  const database = kv.get('databasename') ?? kv.get('database')
  if (database) out.database = database
  const user = kv.get('user') ?? kv.get('username')
  if (user) out.user = user
  const password = kv.get('password')
  if (password) out.password = password
  if (truthy(kv.get('encrypt'))) out.ssl = { mode: truthy(kv.get('trustservercertificate')) ? 'require' : 'verify-full' }
  const timeout = kv.get('logintimeout')
  if (timeout && Number(timeout) > 0) out.connectTimeoutMs = clampTimeout(Number(timeout) * 1000)
  out.name = nameFor(out)
  return out
}

/** `a=1;b={x;y}` → ['a=1', 'b={x;y}']: JDBC lets values with `;` hide inside braces. */
function splitOutsideBraces(text: string): string[] {
  const parts: string[] = []
  let current = ''
  let depth = 0
  for (const ch of text) {
    if (ch === '{') depth++
    if (ch === '}') depth = Math.max(0, depth - 1)
    if (ch === ';' && depth === 0) {
      parts.push(current)
      current = ''
    } else current += ch
  }
  parts.push(current)
  return parts
}
