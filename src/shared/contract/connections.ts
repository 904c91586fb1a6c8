import { z } from 'zod'
import { Dialect } from '../cells'
import { call, Empty, FilePath, Id, Name, Ok, patchOf } from './define'

export const SslMode = z.enum(['disable', 'require', 'verify-ca', 'verify-full'])

export const SshConfig = z.object({
  enabled: z.boolean().default(false),
  host: z.string().max(500).default(''),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().max(500).default(''),
  auth: z.enum(['password', 'key', 'agent']).default('password'),
  privateKeyPath: FilePath.optional(),
  /** OpenSSH-style `SHA256:…` of the server's host key, pinned on first successful connect (trust on first use). */
  hostKeyFingerprint: z.string().max(200).optional()
})

/** What the renderer may see of a profile: never a secret, only whether one is stored. */
export const ConnectionProfile = z.object({
  id: Id,
  name: z.string().min(1, 'Name is required').max(200),
  dialect: Dialect,
  host: z.string().max(500).default(''),
  port: z.number().int().min(1).max(65535).optional(),
  database: z.string().max(500).default(''),
  user: z.string().max(500).default(''),
  /** File-based engines (facts.fileBased): path of the database file. */
  filePath: z.string().max(4096).optional(),
  defaultSchema: Name.optional(),
  readOnly: z.boolean().default(false),
  color: z.string().max(30).optional(),
  tag: z.enum(['none', 'development', 'staging', 'production']).default('none'),
  connectTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  ssl: z
    .object({ mode: SslMode.default('disable'), caPath: FilePath.optional(), certPath: FilePath.optional(), keyPath: FilePath.optional() })
    .default({ mode: 'disable' }),
  ssh: SshConfig.default({ enabled: false, host: '', port: 22, user: '', auth: 'password' }),
  builtin: z.boolean().default(false),
  hasPassword: z.boolean().default(false),
  hasSshSecret: z.boolean().default(false)
})
export type ConnectionProfile = z.infer<typeof ConnectionProfile>

/** Input for create/update: secrets travel one way only, renderer → main. `undefined` keeps, `null` clears. */
export const ConnectionInput = ConnectionProfile.omit({ id: true, builtin: true, hasPassword: true, hasSshSecret: true }).extend({
  /** Left out: on for connections tagged production, off otherwise. */
  readOnly: z.boolean().optional(),
  password: z.string().max(4096).nullable().optional(),
  /** SSH password (auth 'password') or private-key passphrase (auth 'key'). */
  sshSecret: z.string().max(65536).nullable().optional()
})
export type ConnectionInput = z.infer<typeof ConnectionInput>

export const ConnectionStatus = z.object({
  id: Id,
  state: z.enum(['disconnected', 'connecting', 'connected', 'error']),
  serverVersion: z.string().optional(),
  message: z.string().optional()
})

export const connectionCalls = {
  'connections.list': call(Empty, z.array(ConnectionProfile)),
  'connections.create': call(ConnectionInput, ConnectionProfile),
  'connections.update': call(z.object({ id: Id, patch: patchOf(ConnectionInput) }).strict(), ConnectionProfile),
  'connections.duplicate': call(z.object({ id: Id }).strict(), ConnectionProfile),
  'connections.delete': call(z.object({ id: Id }).strict(), Ok),
  /** Tests either a saved profile (id) or unsaved form values (profile). */
  'connections.test': call(
    z.object({ id: Id.optional(), profile: ConnectionInput.optional() }).strict(),
    z.object({ latencyMs: z.number(), serverVersion: z.string(), sshHostKeyFingerprint: z.string().optional() })
  ),
  'connections.parseUrl': call(z.object({ url: z.string().min(1).max(8192) }).strict(), ConnectionInput.partial()),
  'connections.connect': call(z.object({ id: Id }).strict(), ConnectionStatus),
  'connections.disconnect': call(z.object({ id: Id }).strict(), Ok),
  /** The state of every connection main holds, for a page opened after those connections changed state. */
  'connections.statuses': call(Empty, z.array(ConnectionStatus))
}

export const connectionEvents = {
  'connections.status': ConnectionStatus
}
