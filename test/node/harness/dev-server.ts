import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../../tools/dev/free-port.ts'
import { startDevStack, type DevStack } from '../../../tools/dev/stack.ts'
import { createTestBackend } from './test-backend.ts'

// `wrangler dev` on a fresh test database and a throwaway state folder, for browser tests.
export async function startTestDevServer(opts: { webhookAllowHosts?: string } = {}): Promise<DevStack> {
  const db = await createTestBackend()
  const persistTo = mkdtempSync(join(tmpdir(), 'crm-wrangler-'))
  const stack = await startDevStack({ port: await freePort(), persistTo, backend: db.backend, quiet: true, ...opts })
  return {
    ...stack,
    async stop() {
      await stack.stop()
      await db.dispose()
      rmSync(persistTo, { recursive: true, force: true })
    },
  }
}
