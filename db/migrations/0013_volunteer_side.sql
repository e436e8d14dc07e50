ALTER TYPE "public"."ledger_kind" ADD VALUE 'moral';--> statement-breakpoint
CREATE TABLE "volunteer_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"volunteer_id" integer NOT NULL,
	"phone_hash" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "volunteer_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "moral_awards" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" integer NOT NULL,
	"rule_key" text NOT NULL,
	"volunteer_id" integer NOT NULL,
	"community_code" text NOT NULL,
	"points" integer NOT NULL,
	"year" smallint NOT NULL,
	"note" text NOT NULL,
	"photo_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" integer,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"reversed_by" integer,
	"reversed_at" timestamp with time zone,
	"reverse_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "moral_awards_status" CHECK ("moral_awards"."status" IN ('pending', 'approved', 'rejected', 'reversed')),
	CONSTRAINT "moral_awards_reject_reason" CHECK ("moral_awards"."status" <> 'rejected' OR "moral_awards"."reject_reason" IS NOT NULL),
	CONSTRAINT "moral_awards_points_pos" CHECK ("moral_awards"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "moral_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"points" integer NOT NULL,
	"yearly_cap" integer NOT NULL,
	"evidence" text[] DEFAULT '{note}'::text[] NOT NULL,
	"proposer_roles" text[] NOT NULL,
	"approver_level" text NOT NULL,
	"region_code" text NOT NULL,
	"active_from" date NOT NULL,
	"active_to" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moral_rules_key_version" UNIQUE("rule_key","version"),
	CONSTRAINT "moral_rules_points_pos" CHECK ("moral_rules"."points" > 0 AND "moral_rules"."yearly_cap" >= "moral_rules"."points"),
	CONSTRAINT "moral_rules_approver" CHECK ("moral_rules"."approver_level" IN ('district', 'city')),
	CONSTRAINT "moral_rules_category" CHECK ("moral_rules"."category" IN ('blood_donation', 'heroism', 'waste_sorting', 'civility', 'building_lead', 'other')),
	CONSTRAINT "moral_rules_dates" CHECK ("moral_rules"."active_to" IS NULL OR "moral_rules"."active_to" >= "moral_rules"."active_from")
);
--> statement-breakpoint
ALTER TABLE "volunteer_sessions" ADD CONSTRAINT "volunteer_sessions_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_rule_id_moral_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."moral_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_awards" ADD CONSTRAINT "moral_awards_reversed_by_users_id_fk" FOREIGN KEY ("reversed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_rules" ADD CONSTRAINT "moral_rules_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moral_rules" ADD CONSTRAINT "moral_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_sessions_volunteer_idx" ON "volunteer_sessions" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "moral_awards_volunteer_idx" ON "moral_awards" USING btree ("volunteer_id","rule_key","year","status");--> statement-breakpoint
CREATE INDEX "moral_awards_community_idx" ON "moral_awards" USING btree ("community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "moral_rules_region_idx" ON "moral_rules" USING btree ("region_code" text_pattern_ops);