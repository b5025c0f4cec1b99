// Shared shapes of the local Neon SQL-over-HTTP endpoint (what a request carries, what a backend
// answers, the error fields Neon reports) and the one bit of SQL both backends build the same way.

export type SqlQuery = { query: string; params: (string | null)[] }

export type BatchOptions = {
  isolationLevel?: 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable'
  readOnly?: boolean
  deferrable?: boolean
}

// Values stay in PostgreSQL TEXT format: the client parses them itself by type OID.
export type QueryResult = {
  fields: { name: string; dataTypeID: number }[]
  rows: (string | null)[][]
  command: string
  rowCount: number | null
  rowAsArray: true
}

export type Backend = {
  kind: 'pglite' | 'pg'
  query(q: SqlQuery): Promise<QueryResult>
  batch(qs: SqlQuery[], opts: BatchOptions): Promise<QueryResult[]>
  close(): Promise<void>
}

// The fields of a PostgreSQL error that Neon puts in its HTTP 400 body; the serverless client copies
// exactly these (plus `message`) onto its NeonDbError. pg's and PGlite's errors use the same names.
export const DB_ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const

export type DbErrorField = (typeof DB_ERROR_FIELDS)[number]

// The HTTP 400 body.
export type NeonErrorBody = { message: string } & Partial<Record<DbErrorField, string>>

// The transaction modes a batch asks for, as SQL (`ISOLATION LEVEL ... READ ONLY ...`), or '' when
// it asks for none. Used after BEGIN (pg) or as SET TRANSACTION (PGlite, whose transaction() BEGINs).
export function transactionModes(opts: BatchOptions): string {
  const modes: string[] = []
  if (opts.isolationLevel) modes.push(`ISOLATION LEVEL ${ISOLATION_SQL[opts.isolationLevel]}`)
  if (opts.readOnly !== undefined) modes.push(opts.readOnly ? 'READ ONLY' : 'READ WRITE')
  if (opts.deferrable !== undefined) modes.push(opts.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE')
  return modes.join(' ')
}

const ISOLATION_SQL: Record<NonNullable<BatchOptions['isolationLevel']>, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
}
