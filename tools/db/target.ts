// Which database the local tooling talks to. One rule for `npm start`, `npm run db:migrate` and
// `npm run reset`: a postgres:// DATABASE_URL means that server (or Neon); anything else means
// the embedded PGlite database under .data/.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type DbTarget = { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string }

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DATA_DIR = join(ROOT, '.data')

export function resolveDbTarget(env: NodeJS.ProcessEnv = process.env): DbTarget {
  const url = env.DATABASE_URL
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'server', url }
  return { kind: 'embedded', dataDir: join(DATA_DIR, 'pglite') }
}

export function describeTarget(target: DbTarget): string {
  if (target.kind === 'embedded') return `embedded PGlite at ${target.dataDir}`
  const u = new URL(target.url)
  return `PostgreSQL server ${u.host}${u.pathname}` // never print the password
}
