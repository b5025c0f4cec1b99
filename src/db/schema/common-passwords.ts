import { pgTable, text } from 'drizzle-orm/pg-core'

// Reference data: common passwords of 8+ characters, lower-cased, loaded by a migration generated
// from @zxcvbn-ts/language-common (scripts/generate-common-passwords.ts). Kept in the database
// rather than the worker bundle, where the list would cost ~380 KB of the 1 MB budget.
export const commonPasswords = pgTable('common_passwords', {
  password: text().primaryKey(),
})
