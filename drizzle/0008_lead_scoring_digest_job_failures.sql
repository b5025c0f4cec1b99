CREATE TABLE "job_failures" (
	"type" text NOT NULL,
	"key" text NOT NULL,
	"tenant_id" uuid,
	"body" jsonb NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_error" text NOT NULL,
	"first_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dead_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	CONSTRAINT "job_failures_type_key_pk" PRIMARY KEY("type","key")
);
--> statement-breakpoint
CREATE TABLE "lead_score_history" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "lead_score_history_tenant_id_lead_id_day_pk" PRIMARY KEY("tenant_id","lead_id","day"),
	CONSTRAINT "lead_score_history_score_valid" CHECK ("lead_score_history"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "scoring_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "scoring_rules_kind_valid" CHECK ("scoring_rules"."kind" in ('fit', 'engagement', 'threshold'))
);
--> statement-breakpoint
ALTER TABLE "activity_events" DROP CONSTRAINT "activity_events_event_type_valid";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "company_size" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "scored_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_thresholds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "digest_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "digest_sent_on" date;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "digest_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "job_failures" ADD CONSTRAINT "job_failures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_score_history" ADD CONSTRAINT "lead_score_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_score_history" ADD CONSTRAINT "lead_score_history_lead_fk" FOREIGN KEY ("tenant_id","lead_id") REFERENCES "public"."leads"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_rules" ADD CONSTRAINT "scoring_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_failures_open_idx" ON "job_failures" USING btree ("dead_at","last_failed_at") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "scoring_rules_tenant_idx" ON "scoring_rules" USING btree ("tenant_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "leads_scored_idx" ON "leads" USING btree ("tenant_id","scored_at") WHERE "leads"."archived_at" is null and "leads"."status" <> 'converted';--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_event_type_valid" CHECK ("activity_events"."event_type" in ('created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'restored', 'note_added', 'activity_logged', 'task_completed', 'converted', 'form_submitted'));--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_company_size_valid" CHECK ("leads"."company_size" in ('1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'));--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_country_valid" CHECK ("leads"."country" ~ '^[A-Z]{2}$');