import { z } from 'zod'
import { call, Empty } from './define'

/** One entry of a picker's type list, e.g. { name: 'SQLite database', extensions: ['sqlite', 'db'] }. */
export const FileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9_-]{1,20})$/, 'an extension without the dot, or *')).min(1).max(20)
})
export type FileFilter = z.infer<typeof FileFilter>

const Title = z.string().min(1).max(200)
const Filters = z.array(FileFilter).max(10).optional()
/** Where the picker opens: the field's current value, or a folder such as ~/.ssh (~ is the user's home). */
const DefaultPath = z.string().max(4096).optional()

/** What a native picker answers: the chosen path only (never file contents), or null when the user cancelled. */
export const PickedPath = z.object({ path: z.string().nullable() })

/** A one-time token for a path the user picked in a native dialog (main remembers the path; see PathGrants). */
export const GrantToken = z.string().regex(/^g_[A-Za-z0-9_-]{16,64}$/, 'not a grant token')
/** Save and folder pickers also answer `grant`, which `export.start` / `docs.export` take instead of a path. */
export const GrantedPath = PickedPath.extend({ grant: GrantToken.optional() })

/** Native file pickers of the desktop app; web mode answers `available: false` and UNSUPPORTED for the pickers. */
export const dialogCalls = {
  'dialogs.available': call(Empty, z.object({ available: z.boolean() })),
  'dialogs.openFile': call(z.object({ title: Title, filters: Filters, defaultPath: DefaultPath }).strict(), PickedPath),
  'dialogs.chooseFolder': call(z.object({ title: Title, defaultPath: DefaultPath }).strict(), GrantedPath),
  'dialogs.saveFile': call(
    z
      .object({
        title: Title,
        /** A suggested file name only; the user picks the folder. */
        defaultName: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^/\\\0]+$/, 'A file name, not a path'),
        filters: Filters
      })
      .strict(),
    GrantedPath
  )
}
