import { useEffect, useState } from 'react'
import type { ChartColors } from './chart-option'

/** The app's theme variables as they are now on the page. */
export function currentChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  return { fg: read('--fg', '#1d2230'), muted: read('--muted', '#6b7385'), border: read('--border', '#d9dde5'), bg: read('--bg', '#ffffff') }
}

/** The theme colours, fresh when the light/dark setting changes (watched on the attribute: the app sets it in an effect that runs after ours). */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(currentChartColors)
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(currentChartColors()))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => observer.disconnect()
  }, [])
  return colors
}
