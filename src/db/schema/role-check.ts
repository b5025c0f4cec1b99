import { sql } from 'drizzle-orm'
import { ROLES } from '../../domain/access/roles'

// The role list as a literal SQL list for CHECK constraints. Built from constants only, never
// from input, so sql.raw is safe here; a parameter would not work inside DDL.
export const ROLE_SQL_LIST = sql.raw(`(${ROLES.map((r) => `'${r}'`).join(', ')})`)
