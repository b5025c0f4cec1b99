// `npm start`: the CRM on this machine, offline. Embedded PGlite under .data/ by default, or the
// server in DATABASE_URL when it is a postgres:// URL; migrations applied; wrangler dev with
// local queues, cron (--test-scheduled), R2 and assets. Ctrl-C stops everything.
import { join } from 'node:path'
import { DATA_DIR, describeTarget, resolveDbTarget } from '../tools/db/target.ts'
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from '../tools/dev/seed-demo.ts'
import { startCronTicker, wranglerCrons } from '../tools/dev/cron-ticker.ts'
import { startDevStack } from '../tools/dev/stack.ts'

const started = performance.now()
const port = Number(process.env.PORT ?? 8787)
const target = resolveDbTarget()
console.log(`Database: ${describeTarget(target)}`)

const stack = await startDevStack({ port, target, persistTo: join(DATA_DIR, 'wrangler'), seedDemo: true })
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`\nEdge CRM is running at ${stack.url}  (ready in ${seconds} s)`)
if (stack.seeded === 'seeded') console.log(`Seeded the "${DEMO_WORKSPACE}" workspace.`)
console.log(`  sign in: ${DEMO_USERS[0]?.email} / ${DEMO_PASSWORD}  (other demo users: see README)`)
console.log(`  mailbox: ${stack.url}/dev/mail`)
console.log(`  health:  ${stack.url}/healthz`)
const crons = wranglerCrons()
const ticker = startCronTicker(stack.url, crons, (line) => console.warn(line))
console.log(`  cron:    ${crons.join(', ')} fire on the minute (or by hand: ${stack.url}/__scheduled?cron=*+*+*+*+*)`)
console.log('Press Ctrl-C to stop.\n')

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping…`)
  ticker.stop()
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
