import { useEffect } from 'react'

const KEY = 'qg.sidebarWidth'
const MIN = 180
const MAX = 640

function apply(width: number): void {
  document.documentElement.style.setProperty('--sidebar-width', `${Math.round(Math.min(MAX, Math.max(MIN, width)))}px`)
}

/** A drag handle on the sidebar's edge; the width is remembered in this browser profile. */
export function SidebarResizer(): React.JSX.Element {
  useEffect(() => {
    const saved = Number(localStorage.getItem(KEY))
    if (saved) apply(saved)
  }, [])

  const onPointerDown = (down: React.PointerEvent<HTMLDivElement>): void => {
    down.preventDefault()
    const handle = down.currentTarget
    handle.setPointerCapture(down.pointerId)
    const move = (e: PointerEvent): void => apply(e.clientX)
    const up = (e: PointerEvent): void => {
      handle.releasePointerCapture(e.pointerId)
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', up)
      localStorage.setItem(KEY, String(Math.min(MAX, Math.max(MIN, e.clientX))))
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', up)
  }

  return <div className="sidebar-resizer" role="separator" aria-orientation="vertical" aria-label="Resize sidebar" onPointerDown={onPointerDown} data-testid="sidebar-resizer" />
}
