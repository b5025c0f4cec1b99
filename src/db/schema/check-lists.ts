import { sql } from 'drizzle-orm'
import { ROLES } from '../../domain/access/roles'

// A literal SQL list of constants for CHECK constraints. Built from our own constants only,
// never from input, so sql.raw is safe here; a parameter would not work inside DDL.
export const sqlLiteralList = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v}'`).join(', ')})`)

export const ROLE_SQL_LIST = sqlLiteralList(ROLES)
