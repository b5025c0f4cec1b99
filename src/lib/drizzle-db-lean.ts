// The parts of drizzle's database object that nothing here calls, left out of the worker bundle by
// [alias] in wrangler.toml under the paths drizzle's own modules import them by (tests, drizzle-kit
// and Node tooling get the real modules): the relational query API (db.query.<table>.findMany and
// relations()), which drizzle sets up only for a client created with a `schema` and createDb
// (src/db/client.ts) passes none, db.$count() and db.refreshMaterializedView(). Every client links
// them all the same: ~6.8 KB of the 1 MB budget. test/node/size/bundle-aliases.test.ts checks that
// src/ uses none of them. Should drizzle move these files, the bytes simply come back.
const notInWorker = (): never => {
  throw new Error('The worker bundle has no drizzle relational queries, $count or refreshMaterializedView (see src/lib/drizzle-db-lean.ts).')
}

export {
  notInWorker as createTableRelationsHelpers,
  notInWorker as extractTablesRelationalConfig,
  notInWorker as getOperators,
  notInWorker as getOrderByOperators,
  notInWorker as normalizeRelation,
}

class NotInWorker {
  constructor() {
    notInWorker()
  }
}
export { NotInWorker as Many, NotInWorker as One, NotInWorker as PgCountBuilder, NotInWorker as PgRefreshMaterializedView, NotInWorker as RelationalQueryBuilder }
