import { coreMigrations } from './core'
import type { Migration } from './types'

/** Every area's migrations, in version order. Add an area's list here. */
export const allMigrations: Migration[] = [...coreMigrations].sort((a, b) => a.version - b.version)
