import type { TestProject } from 'vitest/node'
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
  const db = await createTestBackend()
  const server = await startNeonServer(db.backend)
  project.provide('neonEndpoint', server.url)
  project.provide('databaseUrl', db.databaseUrl)
  return async () => {
    await server.close()
    await db.dispose()
  }
}
