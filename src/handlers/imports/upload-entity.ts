import { IMPORT_ENTITIES, type ImportEntity } from '../../domain/imports/vocab'

// The upload form's `entity`, read from the first bytes of its multipart body before the body is
// handed on whole, so a form refused for its file (too large, empty, not a file at all) comes back
// with the entity still chosen. The form puts the select before the file input, and browsers send
// the fields in that order; anything else (an API client's order) just finds no entity here.
const PEEK_BYTES = 4096
const ENTITY_PART = /name="entity"\r\n\r\n([a-z]+)\r\n/

export async function peekEntity(request: Request): Promise<{ entity: ImportEntity | ''; request: Request }> {
  if (!request.body) return { entity: '', request }
  const reader = request.body.getReader()
  const head: Uint8Array[] = []
  let size = 0
  while (size < PEEK_BYTES) {
    const { done, value } = await reader.read()
    if (done) break
    head.push(value)
    size += value.byteLength
  }
  const text = new TextDecoder().decode(concat(head, size))
  const found = ENTITY_PART.exec(text)?.[1]
  const entity = IMPORT_ENTITIES.find((e) => e === found) ?? ''
  // The bytes read so far, then the rest as it comes: still a stream, never the whole file.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk)
    },
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return { entity, request: new Request(request, { body }) }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
