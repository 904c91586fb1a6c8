import { useEffect } from 'react'

interface Props {
  /** The CSS variable (on the root element) that holds the size in px. */
  cssVariable: string
  /** Remembered in this browser profile under this key. */
  storageKey: string
  min: number
  max: () => number
  orientation: 'vertical' | 'horizontal'
  /** The size for a pointer position (e.g. its distance from the resized pane's edge). */
  sizeAt(e: PointerEvent, handle: HTMLElement): number
  label: string
  className: string
  testId: string
}

function apply(cssVariable: string, size: number): void {
  document.documentElement.style.setProperty(cssVariable, `${Math.round(size)}px`)
}

/** A drag handle between two panes; the size is remembered. */
export function ResizeHandle({ cssVariable, storageKey, min, max, orientation, sizeAt, label, className, testId }: Props): React.JSX.Element {
  const clamp = (size: number): number => Math.min(Math.max(min, max()), Math.max(min, size))
  useEffect(() => {
    const saved = Number(localStorage.getItem(storageKey))
    if (saved) apply(cssVariable, clamp(saved))
    // restore once; later sizes come from dragging
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const onPointerDown = (down: React.PointerEvent<HTMLDivElement>): void => {
    down.preventDefault()
    const handle = down.currentTarget
    handle.setPointerCapture(down.pointerId)
    const move = (e: PointerEvent): void => apply(cssVariable, clamp(sizeAt(e, handle)))
    const up = (e: PointerEvent): void => {
      handle.releasePointerCapture(e.pointerId)
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', up)
      localStorage.setItem(storageKey, String(clamp(sizeAt(e, handle))))
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', up)
  }

  return <div className={className} role="separator" aria-orientation={orientation} aria-label={label} onPointerDown={onPointerDown} data-testid={testId} />
}
