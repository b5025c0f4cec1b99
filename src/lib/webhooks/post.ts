import type { Env } from '../../env'
import { refusalFor } from './ssrf'

// One HTTP attempt of a delivery: checked against SSRF first, no redirects followed (a 3xx is a
// failure: following one would skip the checks), 10 s to answer, and at most 64 KB of the answer
// read, of which 1 KB is kept for the delivery log.
const TIMEOUT_MS = 10_000
const READ_LIMIT = 64 * 1024
const SNIPPET_CHARS = 1024
const USER_AGENT = 'EdgeCRM-Webhooks/1.0'

export type AttemptOutcome = { ok: boolean; statusCode: number | null; latencyMs: number; snippet: string | null; error: string | null }

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < READ_LIMIT) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  await reader.cancel().catch(() => undefined)
  const bytes = new Uint8Array(Math.min(size, READ_LIMIT))
  let at = 0
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at)
    bytes.set(part, at)
    at += part.length
  }
  return new TextDecoder().decode(bytes)
}

export async function postWebhook(env: Pick<Env, 'APP_URL' | 'WEBHOOK_ALLOW_HOSTS'>, url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
  const started = Date.now()
  const refusal = await refusalFor(env, url)
  if (refusal) return { ok: false, statusCode: null, latencyMs: 0, snippet: null, error: `Refused: ${refusal}` }
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await readCapped(res)
    const latencyMs = Date.now() - started
    const snippet = text.slice(0, SNIPPET_CHARS)
    const redirect = res.status >= 300 && res.status < 400
    const error = redirect ? `Redirects are not followed (${res.status} to ${res.headers.get('Location') ?? 'nowhere'}).` : res.ok ? null : `HTTP ${res.status}`
    return { ok: res.status >= 200 && res.status < 300, statusCode: res.status, latencyMs, snippet, error }
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
    return { ok: false, statusCode: null, latencyMs: Date.now() - started, snippet: null, error: timedOut ? 'No answer within 10 s.' : `Could not connect: ${err instanceof Error ? err.message : String(err)}` }
  }
}
