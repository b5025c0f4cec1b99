CREATE TABLE "activity_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"actor_user_id" uuid,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "activity_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "activity_events_entity_type_valid" CHECK ("activity_events"."entity_type" in ('account', 'contact', 'lead', 'opportunity', 'task', 'note', 'activity')),
	CONSTRAINT "activity_events_event_type_valid" CHECK ("activity_events"."event_type" in ('created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'restored', 'note_added', 'activity_logged', 'task_completed', 'converted'))
);
--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_events_entity_idx" ON "activity_events" USING btree ("tenant_id","entity_type","entity_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);