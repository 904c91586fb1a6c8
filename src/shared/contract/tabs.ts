import { z } from 'zod'
import { call, Empty, Id, Ok, SqlText } from './define'

export const EditorTab = z.object({
  id: Id,
  title: z.string().max(200),
  sql: SqlText,
  connectionId: Id.nullable(),
  position: z.number().int(),
  cursorOffset: z.number().int().min(0).default(0),
  savedQueryId: Id.nullable().default(null),
  updatedAt: z.string()
})
export type EditorTab = z.infer<typeof EditorTab>

export const tabsCalls = {
  /** Every open tab with its text, as last saved (restored after a restart or crash). */
  'tabs.list': call(Empty, z.object({ tabs: z.array(EditorTab), activeId: Id.nullable() })),
  /** Upsert; committed to disk before it returns. */
  'tabs.save': call(EditorTab.omit({ updatedAt: true }).partial({ position: true, cursorOffset: true, savedQueryId: true }).strict(), Ok),
  'tabs.close': call(z.object({ id: Id }).strict(), Ok),
  'tabs.setActive': call(z.object({ id: Id.nullable() }).strict(), Ok),
  'tabs.reorder': call(z.object({ ids: z.array(Id).max(1000) }).strict(), Ok)
}
