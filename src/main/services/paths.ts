import envPaths from 'env-paths'
import { join } from 'node:path'

/** Web mode's default data dir: the platform data dir (XDG_DATA_HOME on Linux), overridable. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUERYGENIE_DATA_DIR) return env.QUERYGENIE_DATA_DIR
  return envPaths('QueryGenie', { suffix: '' }).data
}

export function storePath(dataDir: string): string {
  return join(dataDir, 'querygenie.db')
}
