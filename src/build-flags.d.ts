// Set to true by wrangler's [define] in the worker build only (see wrangler.toml); undefined in
// tests, drizzle-kit and the Node tools. Each table's constraint callback in src/db/schema is
// written `globalThis.WORKER_BUNDLE ? undefined : (t) => [...]`: indexes, keys and checks are read
// by drizzle-kit when it writes migrations, never by the queries the worker runs, so the build
// drops them as dead code (about 18 KB).
declare global {
  var WORKER_BUNDLE: true | undefined
}
export {}
