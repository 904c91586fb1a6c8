import envPaths from 'env-paths'
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'

/** Web mode's default data dir: the platform data dir (XDG_DATA_HOME on Linux), overridable. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUERYGENIE_DATA_DIR) return env.QUERYGENIE_DATA_DIR
  return envPaths('QueryGenie', { suffix: '' }).data
}

export function storePath(dataDir: string): string {
  return join(dataDir, 'querygenie.db')
}

/** Where web mode writes result exports and docs: the only place a web client can have files written. */
export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports')
}

/** Owner-only modes for the data folder and what the app writes there (POSIX; Windows has no mode bits). */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** The files the app itself creates in the data folder (others living there are left alone). */
const APP_FILES = ['querygenie.db', 'querygenie.db-wal', 'querygenie.db-shm', 'querygenie.db-journal', 'secret.key', 'settings.json', 'settings.json.tmp', 'config.json', 'sample.db']

export function posixModes(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32'
}

/** Sets exactly `mode` (skipped when already so, when missing, and on symlinks). */
function narrow(path: string, mode: number): void {
  try {
    const info = lstatSync(path)
    if (info.isSymbolicLink()) return
    if ((info.mode & 0o777) !== mode) chmodSync(path, mode)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
}

/**
 * Makes the data folder owner-only at start: the folder 0700, the app's files in it 0600, and the exports area
 * (folders 0700, files 0600). Fixes a folder or files an earlier version left 0755/0644. No-op on Windows.
 */
export function secureDataDir(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (!posixModes(platform)) return
  narrow(dataDir, PRIVATE_DIR_MODE)
  for (const name of APP_FILES) narrow(join(dataDir, name), PRIVATE_FILE_MODE)
  securePrivateTree(exportsDir(dataDir))
}

/** Narrows one file to 0600 (missing files and symlinks are left alone). */
export function secureFile(path: string): void {
  narrow(path, PRIVATE_FILE_MODE)
}

/** Folders 0700 and files 0600 under `root` (symlinks are not followed). */
export function securePrivateTree(root: string): void {
  let info
  try {
    info = lstatSync(root)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e
  }
  if (info.isSymbolicLink()) return
  if (!info.isDirectory()) return narrow(root, PRIVATE_FILE_MODE)
  narrow(root, PRIVATE_DIR_MODE)
  for (const name of readdirSync(root)) securePrivateTree(join(root, name))
}

/** True when `path` is `folder` itself or inside it (lexically, after resolving `.` and `..`). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path))
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
}
