DROP INDEX "accounts_owner_status_idx";--> statement-breakpoint
DROP INDEX "contacts_owner_status_idx";--> statement-breakpoint
DROP INDEX "leads_owner_status_idx";--> statement-breakpoint
DROP INDEX "opportunities_stage_close_idx";--> statement-breakpoint
CREATE INDEX "accounts_owner_created_idx" ON "accounts" USING btree ("tenant_id","owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status");--> statement-breakpoint
CREATE INDEX "accounts_status_contacted_idx" ON "accounts" USING btree ("tenant_id","status","last_contacted_at","id") WHERE "accounts"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_owner_created_idx" ON "contacts" USING btree ("tenant_id","owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status");--> statement-breakpoint
CREATE INDEX "leads_owner_created_idx" ON "leads" USING btree ("tenant_id","owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "leads"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "leads_open_owner_idx" ON "leads" USING btree ("tenant_id","owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "leads"."archived_at" is null and "leads"."status" in ('new', 'contacted', 'qualified');--> statement-breakpoint
CREATE INDEX "opportunities_board_idx" ON "opportunities" USING btree ("tenant_id","pipeline_id","stage_id","close_date","id","owner_id","currency","amount","probability") WHERE "opportunities"."status" = 'open' and "opportunities"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_open_close_idx" ON "opportunities" USING btree ("tenant_id","close_date","id","amount") WHERE "opportunities"."status" = 'open' and "opportunities"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_owner_created_idx" ON "opportunities" USING btree ("tenant_id","owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("tenant_id","due_at","id") WHERE "tasks"."completed_at" is null and "tasks"."archived_at" is null;