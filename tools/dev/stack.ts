// The whole local stack: a migrated database behind the local Neon-protocol endpoint, and
// `wrangler dev` pointed at it. Used by `npm start` and by the browser tests.
import type { DbTarget } from '../db/target.ts'
import { startNeonServer } from '../neon-local/server.ts'
import type { Backend } from '../neon-local/types.ts'
import { devLinkSecret } from './link-secret.ts'
import { openMigratedBackend } from './local-database.ts'
import { seedDemoWorkspace, type SeedOutcome } from './seed-demo.ts'
import { startWranglerDev, waitForHealthy } from './wrangler-dev.ts'

// The endpoint ignores the connection string; the driver only needs a well-formed one.
const LOCAL_DATABASE_URL = 'postgres://crm:crm@localhost:5432/crm'

// Local webhook receivers allowed past the SSRF checks (over http too): `npm start` users can point
// an endpoint at a receiver on port 9999; tests pass their own.
const DEV_WEBHOOK_ALLOW_HOSTS = '127.0.0.1:9999,localhost:9999'

export type DevStackOptions = { port: number; persistTo: string; quiet?: boolean; seedDemo?: boolean; webhookAllowHosts?: string } & ({ target: DbTarget } | { backend: Backend })

export type DevStack = { url: string; endpointUrl: string; seeded: SeedOutcome; stop(): Promise<void> }

export async function startDevStack(opts: DevStackOptions): Promise<DevStack> {
  // A backend passed in belongs to the caller, who closes it; one opened here is closed by stop().
  const ownsBackend = !('backend' in opts)
  const backend = 'backend' in opts ? opts.backend : await openMigratedBackend(opts.target)
  const endpoint = await startNeonServer(backend)
  const seeded = opts.seedDemo ? await seedDemoWorkspace(endpoint.url, { local: true }) : 'skipped'
  const wrangler = startWranglerDev({
    port: opts.port,
    persistTo: opts.persistTo,
    quiet: opts.quiet,
    vars: { DATABASE_URL: LOCAL_DATABASE_URL, NEON_FETCH_ENDPOINT: endpoint.url, APP_URL: `http://127.0.0.1:${opts.port}`, LOCAL_MODE: 'true', LINK_SECRET: devLinkSecret(opts.persistTo), WEBHOOK_ALLOW_HOSTS: opts.webhookAllowHosts ?? DEV_WEBHOOK_ALLOW_HOSTS },
  })
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await wrangler.stop()
    await endpoint.close()
    if (ownsBackend) await backend.close()
  }
  try {
    await waitForHealthy(wrangler.url, wrangler.child)
  } catch (err) {
    await stop()
    throw err
  }
  return { url: wrangler.url, endpointUrl: endpoint.url, seeded, stop }
}
