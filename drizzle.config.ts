import { defineConfig } from 'drizzle-kit'

// Used by `npm run db:generate` (drizzle-kit generate) and by drizzle-kit migrate against a server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crm' },
})
