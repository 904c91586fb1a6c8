import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, relative, resolve, sep } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'

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

/** Text-like formats worth compressing; PNG, WOFF2 (and anything unknown) are compressed already or left alone. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ico', '.ttf', '.wasm'])
/** Below this a compressed body saves nothing worth a header. */
const MIN_COMPRESS_BYTES = 1024
/** Served for a year and never revalidated: the name changes when the content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

export type Encoding = 'br' | 'gzip'

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

/** Vite's content-hashed build output: `assets/<name>-<hash>.<ext>` (relative to the renderer folder). */
export function isHashedAsset(relativePath: string): boolean {
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/.test(relativePath.split(sep).join('/'))
}

/** The best encoding the client accepts (`Accept-Encoding`, q-values honoured): br, then gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  const weight = (name: Encoding): number => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0
  const best = (['br', 'gzip'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))
  return best[0]
}

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

function compress(data: Buffer, encoding: Encoding): Promise<Buffer> {
  // fast settings (about 0.1 s per MB of script): it runs once per file and process, while the first page waits
  if (encoding === 'br') {
    return brotli(data, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT }
    })
  }
  return gzipAsync(data, { level: 6 })
}

interface Entry {
  /** size and mtime of the file the cached bodies were made from */
  version: string
  bodies: Map<Encoding, Promise<Buffer>>
}

/**
 * The renderer's static files: compressed (br or gzip, as the client accepts) once per file and kept in memory
 * (br read from the build's `.br` file when there is a current one); content-hashed assets cacheable for a year,
 * everything else as the caller's headers say (the app page: no-store); ETag / If-None-Match answer 304.
 */
export class StaticFiles {
  private readonly root: string
  private readonly cache = new Map<string, Entry>()
  /** The assets index.html names (its scripts and styles) not yet sent once, while onEntrySent waits for them. */
  private entryPending: Set<string> | undefined
  private onEntrySent: (() => void) | undefined

  /** `onEntrySent`: called once, when the page and everything it names have been sent to some client. */
  constructor(root: string, onEntrySent?: () => void) {
    this.root = resolve(root)
    if (onEntrySent) {
      this.onEntrySent = onEntrySent
      this.entryPending = new Set(this.entryAssets().map((name) => join(this.root, 'assets', name)))
      this.entryPending.add(join(this.root, 'index.html'))
    }
  }

  /** The file names in assets/ that index.html loads at once. */
  private entryAssets(): string[] {
    try {
      const page = readFileSync(join(this.root, 'index.html'), 'utf8')
      return readdirSync(join(this.root, 'assets')).filter((name) => page.includes(`assets/${name}`))
    } catch {
      return []
    }
  }

  private sent(path: string): void {
    if (!this.entryPending?.delete(path) || this.entryPending.size > 0) return
    const done = this.onEntrySent
    this.entryPending = this.onEntrySent = undefined
    done?.()
  }

  /**
   * Answers a GET/HEAD for `path` (already resolved inside the root by resolveStaticPath). `headers` are the
   * response's security headers and its Cache-Control (replaced by IMMUTABLE for a hashed asset).
   * False when there is no such file (the caller answers 404).
   */
  serve(req: IncomingMessage, res: ServerResponse, path: string, headers: Record<string, string>): boolean {
    let size: number
    let mtimeMs: number
    try {
      const st = statSync(path)
      if (!st.isFile()) return false
      size = st.size
      mtimeMs = st.mtimeMs
    } catch {
      return false
    }
    const ext = extname(path)
    const compressible = COMPRESSIBLE.has(ext) && size >= MIN_COMPRESS_BYTES
    const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : undefined
    const version = versionOf(size, mtimeMs)
    const etag = `"${version}${encoding ? `-${encoding}` : ''}"`
    const head: Record<string, string> = {
      ...headers,
      'Content-Type': contentTypes[ext] ?? 'application/octet-stream',
      ETag: etag
    }
    if (isHashedAsset(relative(this.root, path))) head['Cache-Control'] = IMMUTABLE
    if (compressible) head.Vary = 'Accept-Encoding'
    if (this.entryPending?.has(path)) res.once('finish', () => this.sent(path))
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, head).end()
      return true
    }
    if (!encoding) {
      res.writeHead(200, { ...head, 'Content-Length': String(size) })
      if (req.method === 'HEAD') res.end()
      else createReadStream(path).on('error', () => res.destroy()).pipe(res)
      return true
    }
    this.body(path, version, encoding).then(
      (body) => {
        res.writeHead(200, { ...head, 'Content-Encoding': encoding, 'Content-Length': String(body.length) })
        res.end(req.method === 'HEAD' ? undefined : body)
      },
      () => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Could not read the file')
        else res.destroy()
      }
    )
    return true
  }

  /**
   * Compresses the hashed assets for `encoding` in the background (zlib's thread pool): first what the page loads
   * at once (the assets index.html names), the rest (lazily loaded chunks) `restAfterMs` later, so the first page
   * neither waits for its own script nor shares the CPU with chunks it does not load yet.
   */
  warm(encoding: Encoding = 'br', restAfterMs = 3000): void {
    let names: string[]
    try {
      names = readdirSync(join(this.root, 'assets'))
    } catch {
      return
    }
    const warmOne = (name: string): void => {
      const path = join(this.root, 'assets', name)
      try {
        const st = statSync(path)
        if (!st.isFile() || !COMPRESSIBLE.has(extname(path)) || st.size < MIN_COMPRESS_BYTES) return
        this.body(path, versionOf(st.size, st.mtimeMs), encoding).catch(() => undefined)
      } catch {
        // a file that vanished is simply not warmed
      }
    }
    const first = this.entryAssets()
    first.forEach(warmOne)
    setTimeout(() => names.filter((name) => !first.includes(name)).forEach(warmOne), restAfterMs).unref()
  }

  private body(path: string, version: string, encoding: Encoding): Promise<Buffer> {
    let entry = this.cache.get(path)
    if (!entry || entry.version !== version) {
      entry = { version, bodies: new Map() }
      this.cache.set(path, entry)
    }
    let body = entry.bodies.get(encoding)
    if (!body) {
      const current = entry
      body = readPrecompressed(path, encoding)
        .then((ready) => ready ?? readFile(path).then((data) => compress(data, encoding)))
        .catch((error: unknown) => {
          current.bodies.delete(encoding)
          throw error
        })
      entry.bodies.set(encoding, body)
    }
    return body
  }
}

/** The build's `<file>.br` (see electron.vite.config.ts), if there is one at least as new as the file itself. */
async function readPrecompressed(path: string, encoding: Encoding): Promise<Buffer | undefined> {
  if (encoding !== 'br') return undefined
  try {
    const [plain, packed] = [statSync(path), statSync(`${path}.br`)]
    if (!packed.isFile() || packed.mtimeMs < plain.mtimeMs) return undefined
    return await readFile(`${path}.br`)
  } catch {
    return undefined
  }
}

function versionOf(size: number, mtimeMs: number): string {
  return `${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}`
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}
