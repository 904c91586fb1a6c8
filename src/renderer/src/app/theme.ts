import type { Settings } from '../../../shared/contract'

export type ResolvedTheme = 'light' | 'dark'

export function resolveTheme(theme: Settings['theme']): ResolvedTheme {
  if (theme !== 'system') return theme
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}
