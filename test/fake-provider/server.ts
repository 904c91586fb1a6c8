import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { queryWords } from '../../src/main/services/ai/retrieval/features'
import { embedWords } from '../../src/main/services/ai/retrieval/offline-embedding'

/**
 * A fake AI provider on 127.0.0.1 speaking four HTTP APIs closely enough for the official SDKs:
 * OpenAI (chat completions + embeddings + models), Anthropic (messages + models), Gemini
 * (generateContent, streamGenerateContent?alt=sse, embedContent, batchEmbedContents, models.get) and the
 * OpenAI-compatible API of local servers (same as OpenAI, under any prefix).
 *
 * Behaviour by model name: `fail-401`, `fail-429`, `fail-500` answer with that status; `hang` never
 * answers (timeouts); `slow` streams one token every 50 ms. The key `sk-bad` is refused with 401.
 * Replies come from `replies` (a queue), else from `defaultReply(prompt)`.
 */
export interface RecordedRequest {
  api: 'openai' | 'anthropic' | 'gemini'
  path: string
  headers: Record<string, string | string[] | undefined>
  body: any
  /** All message text of the request, concatenated (system + messages). */
  prompt: string
}

export interface FakeProvider {
  url: string
  port: number
  requests: RecordedRequest[]
  replies: string[]
  defaultReply: (prompt: string) => string
  /** Number of streams the client aborted before the end. */
  abortedStreams: number
  close(): Promise<void>
}

const TOKEN_DELAY_MS = 2

export async function startFakeProvider(port = 0): Promise<FakeProvider> {
  const state: Omit<FakeProvider, 'url' | 'port' | 'close'> = {
    requests: [],
    replies: [],
    defaultReply: () => 'Here is the query:\n```sql\nSELECT 1;\n```',
    abortedStreams: 0
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: String(e) } }))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const raw = await readBody(req)
    const body = raw ? JSON.parse(raw) : {}
    const key = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '') || String(req.headers['x-api-key'] ?? '') || String(req.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? '')
    const api: RecordedRequest['api'] = path.includes('/v1beta/') || path.includes(':') ? 'gemini' : req.headers['anthropic-version'] ? 'anthropic' : 'openai'
    const model: string = body.model ?? decodeURIComponent(path.match(/models\/([^/:]+)/)?.[1] ?? '')
    state.requests.push({ api, path, headers: req.headers, body, prompt: promptOf(api, body) })

    if (key === 'sk-bad') return fail(res, api, 401, 'invalid api key')
    const forced = model.match(/fail-(\d{3})/)
    if (forced) return fail(res, api, Number(forced[1]), `forced ${forced[1]}`)
    if (model.includes('hang')) return // never answers: the client's timeout fires

    if (req.method === 'GET' && /\/models(\/[^/]+)?$/.test(path)) return json(res, modelsResponse(api, model))
    if (path.endsWith('/embeddings')) return json(res, openaiEmbeddings(body))
    if (path.endsWith(':embedContent')) return json(res, { embedding: { values: vector(textOfContent(body.content)) } })
    if (path.endsWith(':batchEmbedContents'))
      return json(res, { embeddings: (body.requests ?? []).map((r: any) => ({ values: vector(textOfContent(r.content)) })) })

    const reply = state.replies.length ? state.replies.shift()! : state.defaultReply(promptOf(api, body))
    const tokens = reply.match(/\s*\S+|\s+/g) ?? ['']
    const inputTokens = Math.ceil(promptOf(api, body).length / 4)
    const delay = model.includes('slow') ? 50 : TOKEN_DELAY_MS
    if (api === 'openai' && path.endsWith('/chat/completions')) {
      if (!body.stream) return json(res, openaiCompletion(model, reply, inputTokens, tokens.length))
      return stream(res, tokens, delay, (t) => sse(openaiChunk(model, { content: t })), () => {
        let tail = sse(openaiChunk(model, {}, 'stop'))
        if (body.stream_options?.include_usage) tail += sse({ ...openaiChunk(model, {}), choices: [], usage: { prompt_tokens: inputTokens, completion_tokens: tokens.length, total_tokens: inputTokens + tokens.length } })
        return tail + 'data: [DONE]\n\n'
      })
    }
    if (api === 'anthropic' && path.endsWith('/messages')) {
      if (!body.stream) return json(res, { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [{ type: 'text', text: reply }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: tokens.length } })
      const head =
        event('message_start', { type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } }) +
        event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      res.write(head)
      return stream(res, tokens, delay, (t) => event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } }), () =>
        event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
        event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokens.length } }) +
        event('message_stop', { type: 'message_stop' })
      )
    }
    if (api === 'gemini' && path.endsWith(':generateContent')) return json(res, geminiChunk(reply, 'STOP', inputTokens, tokens.length))
    if (api === 'gemini' && path.endsWith(':streamGenerateContent'))
      return stream(res, tokens, delay, (t) => sse(geminiChunk(t)), () => sse(geminiChunk('', 'STOP', inputTokens, tokens.length)))
    return fail(res, api, 404, `no route for ${req.method} ${path}`)
  }

  function stream(res: ServerResponse, tokens: string[], delayMs: number, chunk: (t: string) => string, tail: () => string): Promise<void> {
    if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    return new Promise((resolve) => {
      let i = 0
      let closed = false
      res.on('close', () => {
        if (i < tokens.length) state.abortedStreams++
        closed = true
        resolve()
      })
      const next = () => {
        if (closed) return
        if (i < tokens.length) {
          res.write(chunk(tokens[i++]))
          setTimeout(next, delayMs)
        } else {
          res.end(tail())
          resolve()
        }
      }
      next()
    })
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const actualPort = (server.address() as AddressInfo).port
  const fake = state as FakeProvider
  fake.port = actualPort
  fake.url = `http://127.0.0.1:${actualPort}`
  fake.close = () => closeServer(server)
  return fake
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => parts.push(c))
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

function json(res: ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(value))
}

function fail(res: ServerResponse, api: RecordedRequest['api'], status: number, message: string): void {
  if (api === 'anthropic') return json(res, { type: 'error', error: { type: status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : 'api_error', message } }, status)
  if (api === 'gemini') return json(res, { error: { code: status, message, status: status === 401 ? 'UNAUTHENTICATED' : status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } }, status)
  return json(res, { error: { message, type: 'fake_error', code: String(status) } }, status)
}

const sse = (v: unknown) => `data: ${JSON.stringify(v)}\n\n`
const event = (name: string, v: unknown) => `event: ${name}\ndata: ${JSON.stringify(v)}\n\n`

function openaiChunk(model: string, delta: object, finish: string | null = null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] }
}

function openaiCompletion(model: string, text: string, input: number, output: number) {
  return {
    id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output }
  }
}

function geminiChunk(text: string, finish?: string, input?: number, output?: number) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(finish ? { finishReason: finish } : {}) }],
    ...(input !== undefined ? { usageMetadata: { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + (output ?? 0) } } : {}),
    modelVersion: 'fake'
  }
}

function modelsResponse(api: RecordedRequest['api'], model: string) {
  if (api === 'gemini') return { name: `models/${model || 'gemini-fake'}`, displayName: 'Fake', inputTokenLimit: 1_000_000 }
  if (api === 'anthropic') return { data: [{ type: 'model', id: 'claude-fake', display_name: 'Fake', created_at: '2025-01-01T00:00:00Z' }], has_more: false, first_id: 'claude-fake', last_id: 'claude-fake' }
  return { object: 'list', data: [{ id: 'gpt-fake', object: 'model', created: 0, owned_by: 'fake' }] }
}

function vector(text: string): number[] {
  return Array.from(embedWords(queryWords(text)))
}

function openaiEmbeddings(body: any) {
  const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input]
  const data = inputs.map((text, index) => {
    const v = vector(text)
    const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v
    return { object: 'embedding', index, embedding }
  })
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }
}

function textOfContent(content: any): string {
  if (typeof content === 'string') return content
  return (content?.parts ?? []).map((p: any) => p.text ?? '').join(' ')
}

function promptOf(api: RecordedRequest['api'], body: any): string {
  if (api === 'gemini') {
    const sys = textOfContent(body.systemInstruction ?? body.system_instruction)
    return [sys, ...(body.contents ?? []).map(textOfContent)].join('\n')
  }
  const msgs = (body.messages ?? []).map((m: any) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p: any) => p.text ?? '').join('')))
  const sys = typeof body.system === 'string' ? body.system : Array.isArray(body.system) ? body.system.map((p: any) => p.text).join('') : ''
  return [sys, ...msgs].join('\n')
}
