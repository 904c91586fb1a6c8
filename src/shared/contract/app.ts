import { z } from 'zod'
import { call, Empty, Ok, patchOf } from './define'

export const Theme = z.enum(['light', 'dark', 'system'])

export const Settings = z.object({
  theme: Theme.default('system'),
  /** Rows kept in memory per result before spilling to disk. */
  resultMemoryCapRows: z.number().int().min(1_000).max(50_000_000).default(200_000),
  editorFontSize: z.number().int().min(8).max(40).default(14),
  autoUpdate: z.boolean().default(false)
})
export type Settings = z.infer<typeof Settings>

export const appCalls = {
  'app.info': call(
    Empty,
    z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      dataDir: z.string(),
      sqliteVersion: z.string(),
      vecVersion: z.string(),
      /** Web mode keeps secrets with a file key instead of the OS keychain; the UI shows this. */
      secretStorage: z.enum(['os', 'file']),
      notices: z.array(z.string())
    })
  ),
  'settings.get': call(Empty, Settings),
  'settings.update': call(patchOf(Settings).strict(), Settings),
  'app.ping': call(z.object({ echo: z.string().max(1000).optional() }).strict(), Ok.extend({ echo: z.string().optional() }))
}
