CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organization_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"held_on" date NOT NULL,
	"venue" text,
	"description" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fund_id" integer NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"partner_id" integer,
	"project_id" integer,
	"counterparty" text,
	"receipt_no" text,
	"memo" text,
	"reverses_id" bigint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_entries_kind" CHECK ("fund_entries"."kind" IN ('in', 'out')),
	CONSTRAINT "fund_entries_category" CHECK ("fund_entries"."category" IN ('donation', 'allocation', 'spending', 'reversal')),
	CONSTRAINT "fund_entries_amount_pos" CHECK ("fund_entries"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_balance_nonneg" CHECK ("funds"."balance_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "level" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "event_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_reverses_id_fund_entries_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."fund_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_region_idx" ON "events" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "events_held_idx" ON "events" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "fund_entries_fund_idx" ON "fund_entries" USING btree ("fund_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_one_reversal" ON "fund_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "funds_region_idx" ON "funds" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_leader" ON "memberships" USING btree ("organization_id") WHERE "memberships"."role" = 'leader';--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "activities_event_idx" ON "activities" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_chk" CHECK ("memberships"."role" IN ('leader', 'deputy', 'member'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_level_chk" CHECK ("organizations"."level" IN ('corps', 'division', 'team', 'other'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_not_own_parent" CHECK ("organizations"."parent_id" IS NULL OR "organizations"."parent_id" <> "organizations"."id");--> statement-breakpoint
UPDATE "organizations" SET "level" = 'team' WHERE "is_team";--> statement-breakpoint
-- the fund ledger is append-only: a mistake is undone by a reversing entry, never by editing
CREATE OR REPLACE FUNCTION fund_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fund_entries is append-only (use a reversing entry)';
END $$;--> statement-breakpoint
CREATE TRIGGER fund_entries_no_update BEFORE UPDATE OR DELETE ON "fund_entries" FOR EACH ROW EXECUTE FUNCTION fund_entries_append_only();
