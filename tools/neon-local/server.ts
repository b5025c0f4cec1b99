// The local Neon endpoint on a loopback port: what `neonConfig.fetchEndpoint` points at in dev and
// in the workers test project (workerd cannot call into Node in-process, so it needs a socket).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createNeonHandler } from './handler.ts'
import type { Backend } from './types.ts'

export type NeonServer = { url: string; port: number; close(): Promise<void> }

export type NeonServerOptions = {
  host?: string
  port?: number
  // Neon caps request bodies too; a runaway import should fail loudly, not exhaust memory.
  maxBodyBytes?: number
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024

export async function startNeonServer(backend: Backend, opts: NeonServerOptions = {}): Promise<NeonServer> {
  const host = opts.host ?? '127.0.0.1'
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const handle = createNeonHandler(backend)
  const server = createServer((req, res) => {
    serve(handle, maxBodyBytes, req, res).catch((error: unknown) => {
      console.error('neon-local: failed to serve a request', error)
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"internal error"}')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('neon-local: server has no TCP address')
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${address.port}/sql`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

async function serve(
  handle: (req: Request) => Promise<Response>,
  maxBodyBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req, maxBodyBytes)
  if (body === 'too-large') {
    // Connection: close, because the rest of the body is left unread on the socket.
    res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' })
    res.end(JSON.stringify({ message: `Request body exceeds ${maxBodyBytes} bytes` }))
    return
  }
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '')
  }
  const method = req.method ?? 'GET'
  const request = new Request(new URL(req.url ?? '/', 'http://neon-local'), {
    method,
    headers,
    // As text: the handler reads it as text anyway, and it sidesteps Buffer-vs-BodyInit typing.
    body: method === 'GET' || method === 'HEAD' ? undefined : body.toString('utf8'),
  })
  const response = await handle(request)
  const payload = Buffer.from(await response.arrayBuffer())
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.writeHead(response.status, { 'Content-Length': payload.length })
  res.end(payload)
}

// Stops buffering (but does not destroy the socket, so the 413 can still be sent) past the cap.
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve('too-large')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        req.pause()
        resolve('too-large')
      } else {
        chunks.push(chunk)
      }
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
