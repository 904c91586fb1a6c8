import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMMUTABLE, isHashedAsset, negotiateEncoding, resolveStaticPath, StaticFiles } from './static-files'
import { startWebServer, type RunningWebServer } from './web-server'

describe('static file resolution', () => {
  it('keeps every request inside the renderer folder', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html')
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js')
    for (const evil of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/%2e%2e%2fetc%2fpasswd', '/a%00b', '/%E0%A4%A']) {
      expect(resolveStaticPath('/srv/app', evil)).toBeNull()
    }
  })
})

describe('encoding negotiation', () => {
  it('prefers br, then gzip, honouring q-values', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip')
    expect(negotiateEncoding('x-gzip')).toBe('gzip')
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip')
    expect(negotiateEncoding('gzip;q=1, br;q=0.5')).toBe('gzip')
    expect(negotiateEncoding('*')).toBe('br')
    expect(negotiateEncoding('*, br;q=0')).toBe('gzip')
    expect(negotiateEncoding('identity')).toBeUndefined()
    expect(negotiateEncoding('deflate, zstd')).toBeUndefined()
    expect(negotiateEncoding('')).toBeUndefined()
    expect(negotiateEncoding(undefined)).toBeUndefined()
  })

  it('knows vite’s content-hashed assets', () => {
    expect(isHashedAsset('assets/index-C9gWzbAD.js')).toBe(true)
    expect(isHashedAsset('assets/editor.worker-CX7Cj20z.js')).toBe(true)
    expect(isHashedAsset('assets/codicon-DF1abBS2.ttf')).toBe(true)
    expect(isHashedAsset('index.html')).toBe(false)
    expect(isHashedAsset('assets/plain.js')).toBe(false)
    expect(isHashedAsset('assets/sub/x-C9gWzbAD.js')).toBe(false)
    expect(isHashedAsset('other/x-C9gWzbAD.js')).toBe(false)
  })
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(', ')}]\n`
const PAGE = `<!doctype html><title>shell</title><script type="module" src="./assets/index-AbCd1234.js"></script>${' '.repeat(1200)}`

describe('StaticFiles', () => {
  let dir: string
  let server: Server
  let port: number
  let entrySent = 0
  const pageHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-static-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), PAGE)
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT)
    writeFileSync(join(dir, 'assets', 'lazy-EfGh5678.js'), SCRIPT.replaceAll('row', 'lazy'))
    writeFileSync(join(dir, 'assets', 'tiny-IjKl9012.js'), 'export {}\n')
    writeFileSync(join(dir, 'assets', 'image-MnOp3456.png'), Buffer.alloc(4096, 7))
    // a build's precompressed file: its own content, so the test can tell it was the one sent
    writeFileSync(join(dir, 'assets', 'pre-QrSt7890.js'), SCRIPT)
    writeFileSync(join(dir, 'assets', 'pre-QrSt7890.js.br'), brotliCompressSync('precompressed at build time'))
    // a stale one (older than its file) is ignored
    writeFileSync(join(dir, 'assets', 'stale-UvWx1234.js'), SCRIPT)
    writeFileSync(join(dir, 'assets', 'stale-UvWx1234.js.br'), brotliCompressSync('stale'))
    utimesSync(join(dir, 'assets', 'stale-UvWx1234.js.br'), new Date(2000, 0, 1), new Date(2000, 0, 1))
    const files = new StaticFiles(dir, () => entrySent++)
    server = createServer((req, res) => {
      const path = resolveStaticPath(dir, new URL(req.url ?? '/', 'http://x').pathname)
      if (!path || !files.serve(req, res, path, pageHeaders)) res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends br, gzip or the plain file as the client accepts, and says it varies', async () => {
    const br = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(SCRIPT.length / 3)
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT)
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8')

    const gz = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT)

    const plain = await get(port, '/assets/index-AbCd1234.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['content-length']).toBe(String(SCRIPT.length))
    expect(plain.body.toString()).toBe(SCRIPT)
  })

  it('makes hashed assets immutable and leaves the page as the caller says (no-store)', async () => {
    const asset = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'br' })
    expect(asset.headers['cache-control']).toBe(IMMUTABLE)
    expect(asset.headers['x-content-type-options']).toBe('nosniff')
    const page = await get(port, '/', { 'Accept-Encoding': 'br' })
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(page.body).toString()).toBe(PAGE)
  })

  it('does not compress images or tiny files', async () => {
    const png = await get(port, '/assets/image-MnOp3456.png', { 'Accept-Encoding': 'br, gzip' })
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers.vary).toBeUndefined()
    expect(png.body.length).toBe(4096)
    const tiny = await get(port, '/assets/tiny-IjKl9012.js', { 'Accept-Encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('export {}\n')
  })

  it('answers 304 to a matching If-None-Match, per encoding', async () => {
    const first = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'br' })
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^".+-br"$/)
    const again = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers['cache-control']).toBe(IMMUTABLE)
    expect((await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'br', 'If-None-Match': `W/${etag}` })).status).toBe(304)
    // the br representation's tag does not match the gzip one
    const gz = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag })
    expect(gz.status).toBe(200)
    expect(gz.headers.etag).not.toBe(etag)
  })

  it('answers HEAD with the headers only', async () => {
    const head = await get(port, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-encoding']).toBe('br')
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
    expect(head.body.length).toBe(0)
  })

  it('sends the build’s .br file when it is current, and compresses the file itself when it is stale', async () => {
    const pre = await get(port, '/assets/pre-QrSt7890.js', { 'Accept-Encoding': 'br' })
    expect(brotliDecompressSync(pre.body).toString()).toBe('precompressed at build time')
    const stale = await get(port, '/assets/stale-UvWx1234.js', { 'Accept-Encoding': 'br' })
    expect(brotliDecompressSync(stale.body).toString()).toBe(SCRIPT)
  })

  it('says once when the page and the assets it names have been sent', async () => {
    // index.html and its script were both sent by the tests above
    expect(entrySent).toBe(1)
    await get(port, '/')
    await get(port, '/assets/index-AbCd1234.js')
    expect(entrySent).toBe(1)
  })

  it('answers 404 for a folder or a missing file', async () => {
    expect((await get(port, '/assets')).status).toBe(404)
    expect((await get(port, '/assets/missing-AbCd1234.js')).status).toBe(404)
  })
})

describe('the web server’s static files', () => {
  let server: RunningWebServer
  const token = 'static-token-0123456789abcdef'
  let pageLoaded = 0

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-static-web-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), PAGE)
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT)
    server = await startWebServer({
      port: 0,
      token,
      rendererDir: dir,
      dispatch: async () => ({ ok: true, value: null }) as never,
      onPageLoaded: () => pageLoaded++
    })
  })
  afterAll(() => server?.close())

  it('keeps the security headers and the credential rules, with caching only for hashed assets', async () => {
    const host = { Host: `127.0.0.1:${server.port}`, 'Accept-Encoding': 'br' }
    expect((await get(server.port, '/', host)).status).toBe(401)
    expect((await get(server.port, '/assets/index-AbCd1234.js', { ...host, Host: 'evil.example' })).status).toBe(403)
    expect((await get(server.port, '/assets/index-AbCd1234.js', { ...host, Origin: 'http://evil.example' })).status).toBe(403)

    const page = await get(server.port, `/?token=${token}`, host)
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    const shell = await get(server.port, '/app', host)
    expect(shell.headers['cache-control']).toBe('no-store')
    expect(brotliDecompressSync(shell.body).toString()).toBe(PAGE)

    const asset = await get(server.port, '/assets/index-AbCd1234.js', host)
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toBe(IMMUTABLE)
    expect(asset.headers['content-encoding']).toBe('br')
    expect(asset.headers['content-security-policy']).toContain("default-src 'self'")
    expect(asset.headers['referrer-policy']).toBe('no-referrer')
    expect(pageLoaded).toBe(1)
  })
})
