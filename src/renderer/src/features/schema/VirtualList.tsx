import { useEffect, useRef, useState } from 'react'

interface Props<T> {
  rows: T[]
  rowHeight: number
  rowKey(row: T): string
  renderRow(row: T): React.JSX.Element
  className?: string
  /** Rows rendered above and below the viewport. */
  overscan?: number
}

/** Fixed-height rows; only the visible window is in the DOM, so 10,000 rows scroll like 50. */
export function VirtualList<T>({ rows, rowHeight, rowKey, renderRow, className, overscan = 12 }: Props<T>): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(400)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(() => setHeight(el.clientHeight))
    observer.observe(el)
    setHeight(el.clientHeight)
    return () => observer.disconnect()
  }, [])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + overscan)
  const visible = rows.slice(first, last)
  return (
    <div ref={ref} className={className} style={{ overflowY: 'auto', position: 'relative' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="tree">
      <div style={{ height: rows.length * rowHeight, position: 'relative' }}>
        {visible.map((row, i) => (
          <div key={rowKey(row)} style={{ position: 'absolute', top: (first + i) * rowHeight, left: 0, right: 0, height: rowHeight }} role="treeitem">
            {renderRow(row)}
          </div>
        ))}
      </div>
    </div>
  )
}
