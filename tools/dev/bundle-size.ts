// Measures what users and Cloudflare receive: the worker bundle as wrangler builds it (minified),
// and the client JavaScript every page loads (gzipped). Used by the size test and by CI's report.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('../../package.json'))

// The scripts the layout loads on every page.
export const CLIENT_SCRIPTS = ['public/vendor/htmx.min.js', 'public/js/app.js']

export function clientJsGzipBytes(): number {
  return CLIENT_SCRIPTS.reduce((sum, file) => sum + gzipSync(readFileSync(join(ROOT, file)), { level: 9 }).length, 0)
}

export function workerBundleBytes(): number {
  const outdir = mkdtempSync(join(tmpdir(), 'crm-bundle-'))
  try {
    const wrangler = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')
    execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--minify', '--outdir', outdir], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    })
    return readdirSync(outdir)
      .filter((f) => f.endsWith('.js'))
      .reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0)
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}
