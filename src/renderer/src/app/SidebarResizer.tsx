import { ResizeHandle } from './ResizeHandle'

/** A drag handle on the sidebar's edge. */
export function SidebarResizer(): React.JSX.Element {
  return (
    <ResizeHandle
      cssVariable="--sidebar-width"
      storageKey="qg.sidebarWidth"
      min={180}
      max={() => 640}
      orientation="vertical"
      sizeAt={(e) => e.clientX}
      label="Resize sidebar"
      className="sidebar-resizer"
      testId="sidebar-resizer"
    />
  )
}
