import { useEffect, useRef } from 'react'

/** Closes a popup (menu, popover) on Escape or on a mouse press outside it, as every desktop menu does. */
export function useDismiss<T extends HTMLElement>(onDismiss: () => void, open: boolean): React.RefObject<T | null> {
  const ref = useRef<T | null>(null)
  const latest = useRef(onDismiss)
  latest.current = onDismiss
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') latest.current()
    }
    const onPointer = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) latest.current()
    }
    document.addEventListener('keydown', onKey)
    // the press that opened the menu has already happened: listen from the next one
    document.addEventListener('mousedown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onPointer)
    }
  }, [open])
  return ref
}
