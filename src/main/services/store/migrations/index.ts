import { coreMigrations } from './core'
import { aiMigrations } from './ai'
import { queryMigrations } from './query'
import type { Migration } from './types'

/** Every area's migrations, in version order. Add an area's list here. */
export const allMigrations: Migration[] = [...coreMigrations, ...aiMigrations, ...queryMigrations].sort((a, b) => a.version - b.version)
