// Runs `wrangler dev` as a child in its own process group, so stopping it stops workerd too
// (killing only the wrangler process leaves workerd running).
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const ROOT = join(dirname(require.resolve('../../package.json')))

export type WranglerDevOptions = {
  port: number
  vars: Record<string, string>
  persistTo: string
  quiet?: boolean
}

export type WranglerDev = { url: string; child: ChildProcess; stop(): Promise<void> }

export function startWranglerDev(opts: WranglerDevOptions): WranglerDev {
  // The wrangler JS entry under our own Node (process.execPath is Node 24 under npm scripts);
  // node_modules/.bin/wrangler would pick up the system Node 20 and fail.
  const wranglerBin = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')
  const args = [wranglerBin, 'dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--test-scheduled', '--persist-to', opts.persistTo, '--show-interactive-dev-session=false', '--log-level', opts.quiet ? 'warn' : 'info']
  for (const [key, value] of Object.entries(opts.vars)) args.push('--var', `${key}:${value}`)
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true, // its own process group
    stdio: opts.quiet ? ['ignore', 'ignore', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' },
  })
  const url = `http://127.0.0.1:${opts.port}`
  return {
    url,
    child,
    stop: () => stopGroup(child),
  }
}

export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return // already gone
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref())
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      /* already gone */
    }
  }
}

// Resolves once GET /healthz answers 200, i.e. the worker is up and reached the database.
export async function waitForHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`wrangler dev did not become healthy at ${url} within ${timeoutMs} ms`)
}
