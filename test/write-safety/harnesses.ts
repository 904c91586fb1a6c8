import { postgresHarness } from './postgres'
import type { SafetyHarness } from './types'

/** Every engine's write-safety table; an engine joins with one line here. */
export const harnesses: SafetyHarness[] = [postgresHarness]
