ALTER TABLE "organizations" ADD COLUMN "level" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_leader" ON "memberships" USING btree ("organization_id") WHERE "memberships"."role" = 'leader';--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_chk" CHECK ("memberships"."role" IN ('leader', 'deputy', 'member'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_level_chk" CHECK ("organizations"."level" IN ('corps', 'division', 'team', 'other'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_not_own_parent" CHECK ("organizations"."parent_id" IS NULL OR "organizations"."parent_id" <> "organizations"."id");--> statement-breakpoint
UPDATE "organizations" SET "level" = 'team' WHERE "is_team";
