import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib } from 'node:zlib'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * Web mode serves the renderer brotli-compressed: `<file>.br` is written next to each script, style and font here,
 * once per build (quality 9: a third of the size, about a second for the whole renderer), so the server sends it
 * without compressing anything while the first page waits (src/main/services/web/static-files.ts). The desktop app
 * reads the plain files and never these.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress)
  return {
    name: 'querygenie-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? resolve('out/renderer')
      const names = Object.keys(bundle).filter((name) => /\.(js|mjs|css|html|svg|json|ttf|wasm)$/.test(name))
      await Promise.all(
        names.map(async (name) => {
          const data = await readFile(join(dir, name))
          if (data.length < 1024) return
          const quality = { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length }
          await writeFile(join(dir, `${name}.br`), await brotli(data, { params: quality }))
        })
      )
    }
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'web-main': resolve('src/main/web-main.ts')
        },
        external: ['better-sqlite3', 'sqlite-vec', '@duckdb/node-api', '@duckdb/node-bindings']
      }
    }
  },
  preload: {
    // A sandboxed preload cannot require npm packages: bundle everything (zod included), emit CommonJS.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src/renderer',
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react(), precompress()],
    worker: { format: 'es' },
    build: {
      minify: true,
      chunkSizeWarningLimit: 12_000,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
