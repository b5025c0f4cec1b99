// drizzle's table of every PostgreSQL column builder, left out of the worker bundle by [alias] in
// wrangler.toml under the path drizzle's pg-core/table.js imports it by (tests, drizzle-kit and
// Node tooling get the real module). pgTable() only reads it for the callback form,
// pgTable(name, (t) => ({ id: t.uuid() })), and linking it bundles all ~40 column types, PostGIS
// and pgvector included: ~8.5 KB of the 1 MB budget. Our tables pass their columns as an object
// (test/node/size/bundle-aliases.test.ts checks), so nothing calls this. The alias key is the
// import text as drizzle writes it; should drizzle move the file, the bytes simply come back.
export function getPgColumnBuilders(): never {
  throw new Error('Declare pgTable columns as an object: the worker bundle has no column builder table (see src/lib/drizzle-pg-columns-lean.ts).')
}
