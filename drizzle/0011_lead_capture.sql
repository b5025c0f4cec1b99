CREATE TABLE "duplicate_candidates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"other_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"similarity" real NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"resolution" text,
	CONSTRAINT "duplicate_candidates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "duplicate_candidates_entity_valid" CHECK ("duplicate_candidates"."entity_type" in ('lead', 'contact')),
	CONSTRAINT "duplicate_candidates_resolution_valid" CHECK ("duplicate_candidates"."resolution" in ('merged', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	"origin" text,
	"referrer" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent_text" text,
	"consent_given" boolean,
	"ip_hash" text,
	"verdict" text NOT NULL,
	"spam_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text NOT NULL,
	"lead_id" uuid,
	"contact_id" uuid,
	CONSTRAINT "form_submissions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "form_submissions_verdict_valid" CHECK ("form_submissions"."verdict" in ('clean', 'spam')),
	CONSTRAINT "form_submissions_outcome_valid" CHECK ("form_submissions"."outcome" in ('created', 'attached', 'flagged', 'quarantined', 'released'))
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"consent_text" text,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"thank_you_message" text,
	"redirect_url" text,
	"default_source" text,
	"owner_id" uuid,
	"turnstile_site_key" text,
	"turnstile_secret" text,
	"min_fill_seconds" integer DEFAULT 3 NOT NULL,
	"accept_without_timestamp" boolean DEFAULT true NOT NULL,
	"max_per_minute" integer DEFAULT 600 NOT NULL,
	"max_per_ip_per_minute" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"archived_at" timestamp (3) with time zone,
	CONSTRAINT "forms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forms_min_fill_valid" CHECK ("forms"."min_fill_seconds" between 0 and 600),
	CONSTRAINT "forms_limits_valid" CHECK ("forms"."max_per_minute" > 0 and "forms"."max_per_ip_per_minute" > 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rate_limits_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "record_merges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"winner_id" uuid NOT NULL,
	"loser_id" uuid NOT NULL,
	"undo" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp (3) with time zone,
	CONSTRAINT "record_merges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "record_merges_entity_valid" CHECK ("record_merges"."entity_type" in ('lead', 'contact'))
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action" text NOT NULL,
	"assignees" jsonb NOT NULL,
	"rr_counter" bigint DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "routing_rules_action_valid" CHECK ("routing_rules"."action" in ('assign', 'round_robin'))
);
--> statement-breakpoint
ALTER TABLE "activity_events" DROP CONSTRAINT "activity_events_event_type_valid";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "default_lead_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_form_fk" FOREIGN KEY ("tenant_id","form_id") REFERENCES "public"."forms"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_lead_fk" FOREIGN KEY ("tenant_id","lead_id") REFERENCES "public"."leads"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_created_by_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_merges" ADD CONSTRAINT "record_merges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_merges" ADD CONSTRAINT "record_merges_merged_by_fk" FOREIGN KEY ("tenant_id","merged_by") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_candidates_pair_key" ON "duplicate_candidates" USING btree ("tenant_id","entity_type","record_id","other_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_open_idx" ON "duplicate_candidates" USING btree ("tenant_id","entity_type","created_at" DESC NULLS LAST) WHERE "duplicate_candidates"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "form_submissions_form_idx" ON "form_submissions" USING btree ("tenant_id","form_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "form_submissions_quarantine_idx" ON "form_submissions" USING btree ("tenant_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "form_submissions"."outcome" = 'quarantined';--> statement-breakpoint
CREATE INDEX "form_submissions_lead_idx" ON "form_submissions" USING btree ("tenant_id","lead_id") WHERE "form_submissions"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "form_submissions_contact_idx" ON "form_submissions" USING btree ("tenant_id","contact_id") WHERE "form_submissions"."contact_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "forms_key_key" ON "forms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "forms_tenant_idx" ON "forms" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "record_merges_winner_idx" ON "record_merges" USING btree ("tenant_id","entity_type","winner_id","merged_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("tenant_id","position");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."leads"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_phone_e164_idx" ON "contacts" USING btree ("tenant_id","phone_e_164") WHERE "contacts"."phone_e_164" is not null;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("tenant_id",(lower(coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) gin_trgm_ops);--> statement-breakpoint
-- Leads that already share an email or a phone (made before dedupe existed) would stop the unique
-- indexes below from building. Each such group is folded into its oldest lead: the others keep
-- their rows and are marked merged_into_id, so nothing is lost, and the duplicates page can still
-- show them.
UPDATE "leads" AS l SET "merged_into_id" = w."id" FROM (SELECT DISTINCT ON ("tenant_id", "email_normalized") "tenant_id", "email_normalized", "id" FROM "leads" WHERE "email_normalized" IS NOT NULL ORDER BY "tenant_id", "email_normalized", "created_at", "id") AS w WHERE l."tenant_id" = w."tenant_id" AND l."email_normalized" = w."email_normalized" AND l."id" <> w."id";--> statement-breakpoint
UPDATE "leads" AS l SET "merged_into_id" = w."id" FROM (SELECT DISTINCT ON ("tenant_id", "phone_e_164") "tenant_id", "phone_e_164", "id" FROM "leads" WHERE "phone_e_164" IS NOT NULL AND "merged_into_id" IS NULL ORDER BY "tenant_id", "phone_e_164", "created_at", "id") AS w WHERE l."tenant_id" = w."tenant_id" AND l."phone_e_164" = w."phone_e_164" AND l."merged_into_id" IS NULL AND l."id" <> w."id";--> statement-breakpoint
CREATE UNIQUE INDEX "leads_email_key" ON "leads" USING btree ("tenant_id","email_normalized") WHERE "leads"."email_normalized" is not null and "leads"."merged_into_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_phone_key" ON "leads" USING btree ("tenant_id","phone_e_164") WHERE "leads"."phone_e_164" is not null and "leads"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "leads" USING gin ("tenant_id",(lower(coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_event_type_valid" CHECK ("activity_events"."event_type" in ('created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'restored', 'note_added', 'activity_logged', 'task_completed', 'converted', 'form_submitted', 'exported', 'merged', 'merge_undone'));