import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Two projects, one `npm test`:
// - workers: the app's tests, run inside workerd with the bindings from wrangler.toml. globalSetup
//   boots the local Neon-protocol endpoint (PGlite, or TEST_DATABASE_URL's server) and provides
//   its address, which becomes the worker's NEON_FETCH_ENDPOINT binding.
// - node: tests of the Node-side tooling (the endpoint itself, sizes, the end-to-end reminder run).
// - browser: chromium against one shared `wrangler dev` (started by browser-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                NEON_FETCH_ENDPOINT: inject<string>('neonEndpoint'),
                DATABASE_URL: inject<string>('databaseUrl'),
                APP_URL: 'http://localhost',
                LOCAL_MODE: 'true',
                // A fixed key, so tests can sign their own (forged, expired) task links.
                LINK_SECRET: 'test-only-link-secret-0123456789abcdef',
                // Local webhook receivers that skip the SSRF checks (never set in wrangler.toml).
                WEBHOOK_ALLOW_HOSTS: '127.0.0.1:9999,localhost:9999',
                // One test session makes hundreds of API calls in seconds; test/api/rate-limits.test.ts
                // checks the published limits with this unset.
                API_RATE_LIMIT_SCALE: '100',
              },
            },
          })),
        ],
        // As wrangler builds the worker: the classic JSX transform (tsconfig), without the __self and
        // __source props vite's dev mode would add to every element (hono renders them as attributes).
        oxc: { jsx: { runtime: 'classic', pragma: 'jsx', pragmaFrag: 'Fragment', development: false } },
        test: {
          name: 'workers',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/node/**'],
          globalSetup: ['test/node/harness/global-setup.ts'],
          setupFiles: ['test/helpers/setup.ts'],
          // The app logs JSON lines from queue consumers and waitUntil work that can outlive a test
          // file; intercepted, such a late line raced the file's teardown ("Closing rpc while
          // onUserConsoleLog was pending"). Left to workerd, they print straight to the terminal.
          disableConsoleIntercept: true,
          // Files share one module graph per worker instead of importing the whole app again for
          // each file, which was most of the suite's time. Tests keep no module-level state: each
          // signs up its own workspace and spies are restored by setup.
          isolate: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          exclude: ['test/node/browser/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/node/browser/**/*.test.ts'],
          globalSetup: ['test/node/harness/browser-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
