CREATE TABLE "saved_views" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"visibility" text DEFAULT 'personal' NOT NULL,
	"owner_id" uuid NOT NULL,
	"filter" jsonb NOT NULL,
	"sort" text,
	"locked" boolean DEFAULT false NOT NULL,
	"builtin_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "saved_views_entity_valid" CHECK ("saved_views"."entity" in ('accounts', 'contacts', 'leads', 'opportunities', 'tasks')),
	CONSTRAINT "saved_views_visibility_valid" CHECK ("saved_views"."visibility" in ('personal', 'team', 'workspace'))
);
--> statement-breakpoint
ALTER TABLE "activity_events" DROP CONSTRAINT "activity_events_entity_type_valid";--> statement-breakpoint
ALTER TABLE "activity_events" DROP CONSTRAINT "activity_events_event_type_valid";--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_views_entity_idx" ON "saved_views" USING btree ("tenant_id","entity","name");--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_entity_type_valid" CHECK ("activity_events"."entity_type" in ('account', 'contact', 'lead', 'opportunity', 'task', 'note', 'activity', 'workspace'));--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_event_type_valid" CHECK ("activity_events"."event_type" in ('created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'restored', 'note_added', 'activity_logged', 'task_completed', 'converted', 'form_submitted', 'exported'));