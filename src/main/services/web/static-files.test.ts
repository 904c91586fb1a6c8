import { describe, expect, it } from 'vitest'
import { resolveStaticPath } from './static-files'

describe('static file resolution', () => {
  it('keeps every request inside the renderer folder', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html')
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js')
    for (const evil of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/%2e%2e%2fetc%2fpasswd', '/a%00b', '/%E0%A4%A']) {
      expect(resolveStaticPath('/srv/app', evil)).toBeNull()
    }
  })
})
