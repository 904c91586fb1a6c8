// Node module hook: every `electron` import or require resolves to the recording stub (Node 22 registerHooks).
import { registerHooks } from 'node:module'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const stubUrl = pathToFileURL(join(import.meta.dirname, 'electron.cjs')).href
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stubUrl, format: 'commonjs', shortCircuit: true }
    return nextResolve(specifier, context)
  }
})
