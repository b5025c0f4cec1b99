import type { TestProject } from 'vitest/node'
import { writeOpenApiDocument } from '../../../tools/dev/openapi-document.ts'
import { startNeonServer } from '../../../tools/neon-local/server.ts'
import { createTestBackend } from './test-backend.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    neonEndpoint: string
    databaseUrl: string
  }
}

// Boots the local Neon-protocol endpoint for the workers project and tears it down afterwards.
export async function setup(project: TestProject) {
  // GET /api/v1/openapi.json serves a document built from the routes (see the tool); rebuilt here so
  // tests see the routes as they are now, without `npm run assets`. A module that fails to load
  // here fails in the worker too; the warning says why the document is out of date.
  await writeOpenApiDocument().catch((error: unknown) => console.warn('OpenAPI document not rebuilt:', error))
  const db = await createTestBackend()
  const server = await startNeonServer(db.backend)
  project.provide('neonEndpoint', server.url)
  project.provide('databaseUrl', db.databaseUrl)
  return async () => {
    await server.close()
    await db.dispose()
  }
}
