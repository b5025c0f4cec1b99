// `wrangler dev --test-scheduled` fires a cron only when asked (GET /__scheduled?cron=...). On
// `npm start` this ticker asks at the top of every minute for each cron in wrangler.toml whose
// minute field matches, so reminders and housekeeping run locally as they would when deployed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('../../package.json'))

// The [triggers] crons array of wrangler.toml (a JSON-compatible list of strings).
export function wranglerCrons(toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')): string[] {
  const match = /^crons\s*=\s*(\[[^\]]*\])/m.exec(toml)
  return match?.[1] ? (JSON.parse(match[1]) as string[]) : []
}

// Our crons vary only the minute ('*', '*/n', 'n' or 'a,b'); a cron that constrains another field
// is not ticked locally (fire it by hand through /__scheduled).
export function cronDueAt(cron: string, at: Date): boolean {
  const [minute = '', ...rest] = cron.trim().split(/\s+/)
  if (rest.length !== 4 || rest.some((f) => f !== '*')) return false
  const m = at.getUTCMinutes()
  return minute.split(',').some((part) => {
    if (part === '*') return true
    const step = /^\*\/(\d+)$/.exec(part)
    if (step) return m % Number(step[1]) === 0
    return /^\d+$/.test(part) && Number(part) === m
  })
}

export function startCronTicker(baseUrl: string, crons: string[], log: (line: string) => void = () => {}): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    const now = new Date()
    for (const cron of crons.filter((c) => cronDueAt(c, now))) {
      fetch(`${baseUrl}/__scheduled?cron=${encodeURIComponent(cron)}`).then(
        (res) => res.ok || log(`cron ${cron}: HTTP ${res.status}`),
        (err: unknown) => log(`cron ${cron}: ${String(err)}`),
      )
    }
    schedule()
  }
  // Aligned to the next whole minute, as Cloudflare fires them.
  const schedule = () => {
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
    timer.unref()
  }
  schedule()
  return { stop: () => clearTimeout(timer) }
}
