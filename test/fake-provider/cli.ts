/** Starts the fake AI provider for manual or web-mode e2e runs: `npx tsx test/fake-provider/cli.ts --port N`. */
import { startFakeProvider } from './server'

const i = process.argv.indexOf('--port')
const port = i > 0 ? Number(process.argv[i + 1]) : 0
const fake = await startFakeProvider(port)
console.log(`fake provider listening on ${fake.url}`)
console.log(`  openai:            ${fake.url}/openai/v1`)
console.log(`  openai-compatible: ${fake.url}/ollama/v1`)
console.log(`  anthropic:         ${fake.url}/anthropic`)
console.log(`  gemini:            ${fake.url}/gemini`)
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)))
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)))
