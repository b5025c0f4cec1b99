// `npx tsx scripts/bench-password.ts [runs]`: what one password hash costs, under Node and inside
// workerd (the runtime the tests use), for the current parameters and their neighbours. The
// numbers justify SCRYPT_PARAMS in src/lib/auth/password.ts; rerun them before changing it.
//
// Each candidate is timed through the real verifyPassword, on a stored string carrying that
// candidate's parameters, so the cost includes everything a login pays. Inside workerd the module
// is transpiled as-is and run by Miniflare (the copy @cloudflare/vitest-plugin uses).
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from '../src/lib/auth/password.ts'

const runs = Number(process.argv[2] ?? 15)
const candidates = [14, 15, 16].map((logN) => ({ ...SCRYPT_PARAMS, logN }))
const PASSWORD = 'correct horse battery staple'

type Stats = { median: number; min: number; max: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

const withLogN = (stored: string, logN: number): string => stored.replace(/^scrypt\$\d+\$/, `scrypt$${logN}$`)
const label = (p: { logN: number; r: number; p: number }) => `N=2^${p.logN} r=${p.r} p=${p.p} (${(128 * 2 ** p.logN * p.r) / 2 ** 20} MiB)`
const fmt = (s: Stats) => `median ${s.median.toFixed(1)} ms  min ${s.min.toFixed(1)}  max ${s.max.toFixed(1)}`

async function benchNode(stored: string): Promise<void> {
  console.log(`Node ${process.version}, ${runs} runs each`)
  for (const params of candidates) {
    const candidate = withLogN(stored, params.logN)
    await verifyPassword(PASSWORD, candidate) // warm-up: first allocation of the big array
    const cpu: number[] = []
    const sys: number[] = []
    for (let i = 0; i < runs; i++) {
      const before = process.cpuUsage()
      await verifyPassword(PASSWORD, candidate)
      const used = process.cpuUsage(before)
      cpu.push((used.user + used.system) / 1000)
      sys.push(used.system / 1000)
    }
    // sys is the kernel zeroing pages: glibc mmaps (and unmaps) every allocation of 32 MiB or more.
    console.log(`  ${label(params).padEnd(30)} CPU ${fmt(stats(cpu))}  (sys median ${stats(sys).median.toFixed(1)})`)
  }
}

// The worker answers /?logN=… with the time of each of `runs` verifications. workerd's clock
// advances during compute locally (production freezes it), so performance.now() is meaningful here.
const WORKER = `
import { verifyPassword } from './password.js'
export default {
  async fetch(request) {
    const url = new URL(request.url)
    const stored = url.searchParams.get('stored')
    const runs = Number(url.searchParams.get('runs'))
    await verifyPassword(${JSON.stringify(PASSWORD)}, stored)
    const samples = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await verifyPassword(${JSON.stringify(PASSWORD)}, stored)
      samples.push(performance.now() - t0)
    }
    return Response.json(samples)
  },
}`

async function benchWorkerd(stored: string): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const source = readFileSync(join(root, 'src/lib/auth/password.ts'), 'utf8')
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      workers: [
        {
          name: 'bench',
          modules: [
            { type: 'ESModule', path: 'worker.js', contents: WORKER },
            { type: 'ESModule', path: 'password.js', contents: js },
          ],
          compatibilityDate: '2026-10-01',
          compatibilityFlags: ['nodejs_compat'],
        },
      ],
    }),
  )
  try {
    console.log(`workerd (Miniflare), ${runs} runs each, wall time inside the isolate`)
    for (const params of candidates) {
      const query = new URLSearchParams({ stored: withLogN(stored, params.logN), runs: String(runs) })
      const response = await mf.dispatchFetch(`http://bench/?${query}`)
      const samples = (await response.json()) as number[]
      console.log(`  ${label(params).padEnd(30)} ${fmt(stats(samples))}`)
    }
  } finally {
    await mf.dispose()
  }
}

const stored = await hashPassword(PASSWORD)
console.log(`Current parameters: ${label(SCRYPT_PARAMS)}\n`)
await benchNode(stored)
console.log()
await benchWorkerd(stored)
