import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { basename, extname } from 'node:path'
import { ExportId } from '../../../shared/contract/export'

/** Maps an opaque export id to the file this process exported; undefined for anything else. */
export interface DownloadLookup {
  path(exportId: string): string | undefined
}

export const DOWNLOAD_PREFIX = '/download/'

const contentTypes: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.sql': 'application/sql; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8'
}

/** A quoted-string-safe ASCII file name plus the RFC 5987 UTF-8 form for browsers that read it. */
export function attachmentDisposition(path: string): string {
  const name = basename(path)
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'export'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Serves `/download/<exportId>`: the URL carries only the id, never a path; the lookup decides which file
 * (if any) it names. Anything else under the prefix is 404. The caller has already checked the token.
 */
export function serveDownload(res: ServerResponse, pathname: string, lookup: DownloadLookup | undefined, headers: Record<string, string>): void {
  const id = pathname.slice(DOWNLOAD_PREFIX.length)
  const path = lookup && ExportId.safeParse(id).success ? lookup.path(id) : undefined
  let size: number | undefined
  try {
    if (path) {
      const st = statSync(path)
      if (st.isFile()) size = st.size
    }
  } catch {
    size = undefined
  }
  if (!path || size === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
    return
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': attachmentDisposition(path)
  })
  const stream = createReadStream(path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
