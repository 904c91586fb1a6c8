import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

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
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      minify: true,
      chunkSizeWarningLimit: 12_000,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
