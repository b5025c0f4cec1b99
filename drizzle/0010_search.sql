-- btree_gin gives uuid a GIN operator class, so search_terms_trgm_idx can lead with tenant_id and
-- keep the similar-word lookup inside one workspace (see src/db/schema/search.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE TABLE "search_terms" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "search_terms_tenant_id_term_pk" PRIMARY KEY("tenant_id","term")
);
--> statement-breakpoint
DROP INDEX "accounts_domain_idx";--> statement-breakpoint
DROP INDEX "contacts_email_idx";--> statement-breakpoint
DROP INDEX "leads_email_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("name", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'A') || setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("domain", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("first_name", '') || ' ' || coalesce("last_name", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'A') || setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("email_normalized", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("company_name", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'A') || setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("email_normalized", '') || ' ' || coalesce("company_domain", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("body", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', regexp_replace(regexp_replace(coalesce("name", ''), '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', 't' || right(tenant_id::text, 12) || '\1', 'g')), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "search_terms" ADD CONSTRAINT "search_terms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("tenant_id","term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accounts_search_idx" ON "accounts" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "accounts_name_prefix_idx" ON "accounts" USING btree ("tenant_id",lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "contacts_first_name_prefix_idx" ON "contacts" USING btree ("tenant_id",lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_last_name_prefix_idx" ON "contacts" USING btree ("tenant_id",lower("last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_company_domain_idx" ON "leads" USING btree ("tenant_id","company_domain" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "leads" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "leads_first_name_prefix_idx" ON "leads" USING btree ("tenant_id",lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_last_name_prefix_idx" ON "leads" USING btree ("tenant_id",lower("last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_company_prefix_idx" ON "leads" USING btree ("tenant_id",lower("company_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "notes_search_idx" ON "notes" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "opportunities_search_idx" ON "opportunities" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "opportunities_name_prefix_idx" ON "opportunities" USING btree ("tenant_id",lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "accounts_domain_idx" ON "accounts" USING btree ("tenant_id","domain" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("tenant_id","email_normalized" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("tenant_id","email_normalized" text_pattern_ops);--> statement-breakpoint
-- search_terms: each workspace's words of record names, for typo tolerance (see
-- src/db/schema/search.ts). A statement trigger adds the words of every inserted or updated row
-- to its workspace's dictionary; ON CONFLICT leaves known words alone, and the ORDER BY makes two
-- imports that add the same new words take their locks in the same order, so they queue rather
-- than deadlock. TG_ARGV[0] is the name columns, fixed below.
CREATE OR REPLACE FUNCTION search_terms_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO search_terms (tenant_id, term) SELECT DISTINCT changed.tenant_id, w FROM changed, regexp_split_to_table(lower(concat_ws('' '', %s)), ''[^[:alnum:]]+'') AS w WHERE length(w) BETWEEN 3 AND 40 ORDER BY 1, 2 ON CONFLICT DO NOTHING',
    TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_search_terms_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('name');
--> statement-breakpoint
CREATE TRIGGER accounts_search_terms_update AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('name');
--> statement-breakpoint
CREATE TRIGGER contacts_search_terms_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('first_name, last_name');
--> statement-breakpoint
CREATE TRIGGER contacts_search_terms_update AFTER UPDATE ON contacts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('first_name, last_name');
--> statement-breakpoint
CREATE TRIGGER leads_search_terms_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('first_name, last_name, company_name');
--> statement-breakpoint
CREATE TRIGGER leads_search_terms_update AFTER UPDATE ON leads REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('first_name, last_name, company_name');
--> statement-breakpoint
CREATE TRIGGER opportunities_search_terms_insert AFTER INSERT ON opportunities REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('name');
--> statement-breakpoint
CREATE TRIGGER opportunities_search_terms_update AFTER UPDATE ON opportunities REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_add('name');
--> statement-breakpoint
INSERT INTO search_terms (tenant_id, term)
SELECT DISTINCT tenant_id, w FROM (
  SELECT tenant_id, name AS t FROM accounts
  UNION ALL SELECT tenant_id, concat_ws(' ', first_name, last_name) FROM contacts
  UNION ALL SELECT tenant_id, concat_ws(' ', first_name, last_name, company_name) FROM leads
  UNION ALL SELECT tenant_id, name FROM opportunities
) AS names, regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w
WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;
