import { coreMigrations } from './core'
import { aiMigrations } from './ai'
import { connectionMigrations } from './connections'
import { docsMigrations } from './docs'
import { queryMigrations } from './query'
import { schemaMigrations } from './schema'
import { auditMigrations } from './audit'
import { piiMigrations } from './pii'
import type { Migration } from './types'

/** Every area's migrations, in version order. Add an area's list here. */
export const allMigrations: Migration[] = [...coreMigrations, ...aiMigrations, ...connectionMigrations, ...queryMigrations, ...schemaMigrations, ...docsMigrations, ...auditMigrations, ...piiMigrations].sort((a, b) => a.version - b.version)
