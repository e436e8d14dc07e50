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
ALTER TABLE "organizations" ADD COLUMN "level" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "event_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_region_idx" ON "events" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "events_held_idx" ON "events" USING btree ("held_on");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_leader" ON "memberships" USING btree ("organization_id") WHERE "memberships"."role" = 'leader';--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "activities_event_idx" ON "activities" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_chk" CHECK ("memberships"."role" IN ('leader', 'deputy', 'member'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_level_chk" CHECK ("organizations"."level" IN ('corps', 'division', 'team', 'other'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_not_own_parent" CHECK ("organizations"."parent_id" IS NULL OR "organizations"."parent_id" <> "organizations"."id");--> statement-breakpoint
UPDATE "organizations" SET "level" = 'team' WHERE "is_team";
