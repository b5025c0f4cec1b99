// `npm run reset`: wipes the local embedded database and wrangler's local state (queues, R2).
// It never touches a server database.
import { rmSync } from 'node:fs'
import { DATA_DIR } from '../tools/db/target.ts'

rmSync(DATA_DIR, { recursive: true, force: true })
console.log(`Removed ${DATA_DIR}. The next npm start begins with a fresh database.`)
