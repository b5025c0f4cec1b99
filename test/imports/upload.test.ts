import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '../../src/domain/imports/vocab'
import { AppError } from '../../src/lib/errors'
import { receiveUpload } from '../../src/lib/imports/upload'
import { testEnv } from '../helpers/app'

// An upload is streamed into R2 as it arrives: the file lands whole or not at all, and a body
// over the limit is refused without being read to its end.

const newKey = () => `imports/test/${crypto.randomUUID()}.csv`

function form(parts: Record<string, string | File>): FormData {
  const body = new FormData()
  for (const [name, value] of Object.entries(parts)) body.append(name, value)
  return body
}

// The form as a body that arrives in 64 KB pieces, counting what has been read of it.
async function streamed(body: FormData, headers: Record<string, string> = {}) {
  const encoded = new Response(body)
  const bytes = new Uint8Array(await encoded.arrayBuffer())
  const seen = { bytes: 0 }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = bytes.subarray(seen.bytes, seen.bytes + 64 * 1024)
        seen.bytes += piece.length
        if (piece.length) controller.enqueue(piece)
        else controller.close()
      },
    },
    // Nothing is read ahead of the reader.
    { highWaterMark: 0 },
  )
  const request = new Request('http://localhost/imports', { method: 'POST', body: stream, headers: { 'Content-Type': encoded.headers.get('Content-Type') as string, ...headers } })
  return { request, seen, total: bytes.length }
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected an error'), (err: unknown) => err as AppError)
const sha256 = async (data: ArrayBuffer | Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].join()

describe('receiveUpload', () => {
  it('stores the file byte for byte, over several parts, and returns the other fields', async () => {
    // Over one 5 MiB part, with characters of every UTF-8 length.
    const line = (i: number) => `${i},Zoë Ünal,zoe${i}@example.com,"Costs 5 €, 😀"\r\n`
    const text = 'Id,Name,Email,Note\r\n' + Array.from({ length: 130_000 }, (_, i) => line(i)).join('')
    const bytes = new TextEncoder().encode(text)
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024)
    const key = newKey()
    const request = new Request('http://localhost/imports', { method: 'POST', body: form({ entity: 'contacts', file: new File([bytes], 'Müller contacts.csv', { type: 'text/csv' }), dryRun: 'true' }) })

    const upload = await receiveUpload(request, testEnv.FILES, key)

    expect(upload).toEqual({ filename: 'Müller contacts.csv', size: bytes.length, fields: { entity: 'contacts', dryRun: 'true' } })
    const object = await testEnv.FILES.get(key)
    expect(await sha256(await (object as R2ObjectBody).arrayBuffer())).toBe(await sha256(bytes))
  })

  it('refuses a body whose Content-Length is over 100 MB with 413, before reading it', async () => {
    const { request, seen } = await streamed(form({ file: new File(['Name\nAda\n'], 'a.csv') }), { 'Content-Length': String(MAX_IMPORT_BYTES + 1) })
    const err = await failure(receiveUpload(request, testEnv.FILES, newKey()))
    expect(err).toMatchObject({ status: 413, message: expect.stringContaining('100 MB') })
    expect(seen.bytes).toBe(0)
  })

  it('stops a file that passes the limit as it streams, with 413, leaving nothing in R2', async () => {
    const big = new File(['Name\n' + 'Ada Lovelace\n'.repeat(300_000)], 'big.csv')
    const { request, seen, total } = await streamed(form({ entity: 'contacts', file: big }))
    const key = newKey()
    const err = await failure(receiveUpload(request, testEnv.FILES, key, 256 * 1024))
    expect(err).toMatchObject({ status: 413 })
    expect(await testEnv.FILES.head(key)).toBeNull()
    expect(seen.bytes).toBeLessThan(total / 2)
  })

  it.each([
    ['JSON', 'application/json', '{"file":"a,b"}'],
    ['a bare CSV', 'text/csv', 'Name\nAda\n'],
    ['a urlencoded form', 'application/x-www-form-urlencoded', 'file=Name'],
  ])('refuses %s with 415', async (_, type, body) => {
    const request = new Request('http://localhost/imports', { method: 'POST', body, headers: { 'Content-Type': type } })
    expect(await failure(receiveUpload(request, testEnv.FILES, newKey()))).toMatchObject({ status: 415 })
  })

  it.each([
    ['no file part', form({ entity: 'contacts' }), 'Choose a CSV file'],
    ['the file under another name', form({ entity: 'contacts', upload: new File(['Name\nAda\n'], 'a.csv') }), 'Choose a CSV file'],
    ['an empty file', form({ entity: 'contacts', file: new File([], 'empty.csv') }), 'The file is empty'],
  ])('answers %s with 422 on the file field', async (_, body, message) => {
    const key = newKey()
    const err = await failure(receiveUpload(new Request('http://localhost/imports', { method: 'POST', body }), testEnv.FILES, key))
    expect(err).toMatchObject({ status: 422, fieldErrors: [{ path: 'file', message: expect.stringContaining(message) }] })
    expect(await testEnv.FILES.head(key)).toBeNull()
  })

  it('answers a body cut off in the middle of the file with 400, leaving nothing in R2', async () => {
    const encoded = new Response(form({ file: new File(['Name\n' + 'Ada\n'.repeat(10_000)], 'a.csv') }))
    const bytes = new Uint8Array(await encoded.arrayBuffer())
    const request = new Request('http://localhost/imports', { method: 'POST', body: bytes.subarray(0, bytes.length / 2), headers: { 'Content-Type': encoded.headers.get('Content-Type') as string } })
    const key = newKey()
    expect(await failure(receiveUpload(request, testEnv.FILES, key))).toMatchObject({ status: 400 })
    expect(await testEnv.FILES.head(key)).toBeNull()
  })
})
