import { env } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { createDb } from '../../src/db/client'
import type { Env } from '../../src/env'

// The worker's bindings as the app sees them (wrangler.toml + vitest.config.ts overrides).
export const testEnv = env as unknown as Env

// A request through the real worker entry, with every middleware, as a browser or client sends it.
export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, 'http://localhost'), init))
}

export const testDb = () => createDb(testEnv)
