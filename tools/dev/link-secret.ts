// LINK_SECRET for the local stack: random per checkout, written once next to wrangler's local
// state (.data/wrangler for `npm start`) and read back on every start. Persisted, because the dev
// mailbox keeps old reminders across restarts and their snooze links should keep working; random,
// because a key committed to the repository would sign valid links for anyone's server that was
// ever started with it. `npm run reset` removes it along with the data it signs links to.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function devLinkSecret(stateDir: string): string {
  const file = join(stateDir, 'link-secret')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  mkdirSync(stateDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
