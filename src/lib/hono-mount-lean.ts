// hono's request rewriting for app.mount() (mounting another framework's app under a path), left
// out of the worker bundle by [alias] in wrangler.toml under the path hono's hono-base.js imports it
// by (tests get the real module). Every Hono instance links it through the mount() method, and no
// app here mounts anything (test/node/size/bundle-aliases.test.ts checks): ~1.2 KB of the 1 MB
// budget. Should hono move the file, the bytes simply come back.
export function createMountedRequest(): never {
  throw new Error('The worker bundle has no app.mount() (see src/lib/hono-mount-lean.ts).')
}
