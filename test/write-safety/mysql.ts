import type { SafetyHarness } from './types'

// Placeholder until this engine's table is written: it says it skipped rather than passing with no forms.
export const mysqlHarness: SafetyHarness = {
  label: 'Mysql',
  dialect: 'mysql' as SafetyHarness['dialect'],
  skipReason: 'write-safety table not written yet',
  setup: () => Promise.reject(new Error('not written yet')),
  forms: []
}
