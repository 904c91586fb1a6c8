import { createReadStream, statSync } from 'node:fs'
import { extname, resolve, sep } from 'node:path'
import type { ServerResponse } from 'node:http'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

/** Resolves a URL path inside root; anything that escapes root (../, encoded or not) resolves to null. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const full = resolve(base, '.' + (decoded === '/' ? '/index.html' : decoded))
  if (full !== base && !full.startsWith(base + sep)) return null
  return full
}

export function serveFile(res: ServerResponse, path: string, headers: Record<string, string>): boolean {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) return false
    size = st.size
  } catch {
    return false
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'Content-Length': String(size)
  })
  createReadStream(path).pipe(res)
  return true
}
