CREATE TYPE "public"."activity_status" AS ENUM('open', 'closed', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'failure');--> statement-breakpoint
CREATE TYPE "public"."demand_category" AS ENUM('elderly', 'poverty', 'illness', 'disability', 'education', 'affairs', 'mental');--> statement-breakpoint
CREATE TYPE "public"."demand_state" AS ENUM('posted', 'dispatched', 'accepted', 'completed', 'rated', 'rewarded', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('M', 'F');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('earn', 'reverse', 'redeem', 'refund', 'dispatch_reward', 'adjust');--> statement-breakpoint
CREATE TYPE "public"."org_type" AS ENUM('party', 'youth', 'women', 'union', 'school', 'enterprise', 'social', 'community');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('planned', 'active', 'closed');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('redeemed', 'picked_up', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('city', 'district', 'street', 'community');--> statement-breakpoint
CREATE TYPE "public"."sector" AS ENUM('elderly', 'minors', 'rural', 'urban_warmth', 'environment', 'safety_rescue');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('reported', 'assigned', 'in_progress', 'submitted', 'returned', 'closed');--> statement-breakpoint
CREATE TYPE "public"."task_type" AS ENUM('sanitation', 'flyposting', 'parking', 'street_vending', 'psa_damage', 'facility_damage', 'illegal_building');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('wmb_staff', 'leader', 'street_officer', 'org_admin', 'sysadmin', 'secadmin', 'auditor');--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" "region_level" NOT NULL,
	"parent_code" text,
	"population" integer DEFAULT 0 NOT NULL,
	"lat" double precision,
	"lng" double precision,
	CONSTRAINT "regions_population_nonneg" CHECK ("regions"."population" >= 0),
	CONSTRAINT "regions_code_nested" CHECK ("regions"."parent_code" IS NULL OR starts_with("regions"."code", "regions"."parent_code"))
);
--> statement-breakpoint
CREATE TABLE "permission_grants" (
	"user_id" integer NOT NULL,
	"permission" text NOT NULL,
	"granted_by" integer,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permission_grants_user_id_permission_pk" PRIMARY KEY("user_id","permission")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"scope_code" text NOT NULL,
	"organization_id" integer,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"totp_secret" text,
	"phone" text,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_failed_nonneg" CHECK ("users"."failed_logins" >= 0),
	CONSTRAINT "users_org_admin_has_org" CHECK ("users"."role" <> 'org_admin' OR "users"."organization_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"volunteer_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_on" date NOT NULL,
	CONSTRAINT "memberships_volunteer_id_organization_id_pk" PRIMARY KEY("volunteer_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" "org_type" NOT NULL,
	"is_team" boolean DEFAULT false NOT NULL,
	"parent_id" integer,
	"region_code" text NOT NULL,
	"supervisor_code" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"founded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"agreement_date" date,
	"amount_yuan" numeric(14, 2),
	"in_kind" text,
	CONSTRAINT "partners_amount_nonneg" CHECK ("partners"."amount_yuan" IS NULL OR "partners"."amount_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sector" "sector" NOT NULL,
	"region_code" text NOT NULL,
	"organization_id" integer NOT NULL,
	"partner_id" integer,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" "project_status" DEFAULT 'active' NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_period" CHECK ("projects"."end_date" IS NULL OR "projects"."end_date" >= "projects"."start_date")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" serial PRIMARY KEY NOT NULL,
	"volunteer_no" text NOT NULL,
	"name" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_hash" text NOT NULL,
	"id_prefix" text NOT NULL,
	"id_last4" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_last4" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_date" date NOT NULL,
	"community_code" text NOT NULL,
	"registered_on" date NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"sector_intentions" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_hours" numeric(10, 2) DEFAULT '0' NOT NULL,
	"star_level" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_volunteer_no_unique" UNIQUE("volunteer_no"),
	CONSTRAINT "volunteers_id_card_hash_unique" UNIQUE("id_card_hash"),
	CONSTRAINT "volunteers_hours_nonneg" CHECK ("volunteers"."verified_hours" >= 0),
	CONSTRAINT "volunteers_star_range" CHECK ("volunteers"."star_level" BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"project_id" integer,
	"organization_id" integer NOT NULL,
	"sector" "sector" NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"requirements" text,
	"status" "activity_status" DEFAULT 'open' NOT NULL,
	"people_served" integer,
	"problems_solved" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_span" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_capacity_pos" CHECK ("activities"."capacity" > 0),
	CONSTRAINT "activities_served_nonneg" CHECK ("activities"."people_served" IS NULL OR "activities"."people_served" >= 0),
	CONSTRAINT "activities_solved_nonneg" CHECK ("activities"."problems_solved" IS NULL OR "activities"."problems_solved" >= 0)
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"activity_id" integer NOT NULL,
	"volunteer_id" integer NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"status" text DEFAULT 'enrolled' NOT NULL,
	CONSTRAINT "enrolments_activity_id_volunteer_id_pk" PRIMARY KEY("activity_id","volunteer_id")
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"volunteer_id" integer NOT NULL,
	"activity_id" integer,
	"demand_id" integer,
	"organization_id" integer,
	"community_code" text NOT NULL,
	"sector" "sector" NOT NULL,
	"service_date" date NOT NULL,
	"hours" numeric(6, 2) NOT NULL,
	"status" "service_status" DEFAULT 'pending' NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_records_hours_pos" CHECK ("service_records"."hours" > 0 AND "service_records"."hours" <= 24),
	CONSTRAINT "service_records_reject_reason" CHECK ("service_records"."status" <> 'rejected' OR "service_records"."reject_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "point_accounts" (
	"volunteer_id" integer PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_accounts_balance_nonneg" CHECK ("point_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"volunteer_id" integer NOT NULL,
	"amount" integer NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"community_code" text NOT NULL,
	"service_record_id" bigint,
	"redemption_id" integer,
	"demand_id" integer,
	"dedupe_key" text,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_entries_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "point_entries_nonzero" CHECK ("point_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"volunteer_id" integer NOT NULL,
	"reward_id" integer NOT NULL,
	"points" integer NOT NULL,
	"pickup_code" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "redemption_status" DEFAULT 'redeemed' NOT NULL,
	"community_code" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "redemptions_pickup_code_unique" UNIQUE("pickup_code"),
	CONSTRAINT "redemptions_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "redemptions_points_pos" CHECK ("redemptions"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"cost_points" integer NOT NULL,
	"stock" integer NOT NULL,
	"region_code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_cost_pos" CHECK ("rewards"."cost_points" > 0),
	CONSTRAINT "rewards_stock_nonneg" CHECK ("rewards"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"demand_id" integer NOT NULL,
	"from_state" "demand_state",
	"to_state" "demand_state" NOT NULL,
	"actor_user_id" integer,
	"team_id" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" serial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"category" "demand_category" NOT NULL,
	"description" text NOT NULL,
	"community_code" text NOT NULL,
	"address" text,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"contact_phone_hash" text NOT NULL,
	"contact_phone_last4" text NOT NULL,
	"preferred_time" timestamp with time zone,
	"lat" double precision,
	"lng" double precision,
	"source" text DEFAULT 'public' NOT NULL,
	"state" "demand_state" DEFAULT 'posted' NOT NULL,
	"team_id" integer,
	"people_served" integer DEFAULT 1 NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"rated_at" timestamp with time zone,
	"rewarded_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "demands_reference_unique" UNIQUE("reference"),
	CONSTRAINT "demands_rating_range" CHECK ("demands"."rating" IS NULL OR "demands"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "demands_served_nonneg" CHECK ("demands"."people_served" >= 0)
);
--> statement-breakpoint
CREATE TABLE "campaign_targets" (
	"campaign_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"registration_share" numeric(5, 4) NOT NULL,
	"verified_hours" numeric(14, 2) NOT NULL,
	"closure_rate" numeric(5, 4) NOT NULL,
	CONSTRAINT "campaign_targets_campaign_id_region_code_pk" PRIMARY KEY("campaign_id","region_code"),
	CONSTRAINT "campaign_targets_share_range" CHECK ("campaign_targets"."registration_share" BETWEEN 0 AND 1),
	CONSTRAINT "campaign_targets_rate_range" CHECK ("campaign_targets"."closure_rate" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"start_date" date NOT NULL,
	"days" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_days_pos" CHECK ("campaigns"."days" > 0)
);
--> statement-breakpoint
CREATE TABLE "rectification_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_key" text NOT NULL,
	"campaign_id" integer,
	"type" "task_type" NOT NULL,
	"point_name" text NOT NULL,
	"address" text,
	"description" text NOT NULL,
	"street_code" text NOT NULL,
	"community_code" text NOT NULL,
	"responsible_unit" text,
	"status" "task_status" DEFAULT 'reported' NOT NULL,
	"deadline" date NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rectification_tasks_problem_key_unique" UNIQUE("problem_key"),
	CONSTRAINT "tasks_closed_has_time" CHECK ("rectification_tasks"."status" <> 'closed' OR "rectification_tasks"."closed_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"kind" text DEFAULT 'transition' NOT NULL,
	"from_status" "task_status",
	"to_status" "task_status",
	"actor_user_id" integer,
	"note" text,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer,
	"event_id" integer,
	"phase" text NOT NULL,
	"stored_name" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_photos_stored_name_unique" UNIQUE("stored_name"),
	CONSTRAINT "task_photos_size" CHECK ("task_photos"."bytes" > 0 AND "task_photos"."bytes" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"role" text,
	"ip" text,
	"action" text NOT NULL,
	"object_type" text,
	"object_id" text,
	"outcome" "audit_outcome" NOT NULL,
	"summary" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"region_code" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"data" jsonb NOT NULL,
	"reason" text,
	"published_by" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_snapshots_month_region_rev" UNIQUE("month","region_code","revision")
);
--> statement-breakpoint
CREATE TABLE "rollups" (
	"region_code" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"new_volunteers" integer DEFAULT 0 NOT NULL,
	"verified_hours" numeric(14, 2) DEFAULT '0' NOT NULL,
	"verified_records" integer DEFAULT 0 NOT NULL,
	"people_served" integer DEFAULT 0 NOT NULL,
	"activities_held" integer DEFAULT 0 NOT NULL,
	"points_issued" integer DEFAULT 0 NOT NULL,
	"points_redeemed" integer DEFAULT 0 NOT NULL,
	"demands_received" integer DEFAULT 0 NOT NULL,
	"demands_completed" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollups_region_code_grain_period_sector_pk" PRIMARY KEY("region_code","grain","period","sector")
);
--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_grants" ADD CONSTRAINT "permission_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_grants" ADD CONSTRAINT "permission_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_scope_code_regions_code_fk" FOREIGN KEY ("scope_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_organizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_supervisor_code_regions_code_fk" FOREIGN KEY ("supervisor_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_accounts" ADD CONSTRAINT "point_accounts_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_team_id_organizations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_team_id_organizations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_targets" ADD CONSTRAINT "campaign_targets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_street_code_regions_code_fk" FOREIGN KEY ("street_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_photos" ADD CONSTRAINT "task_photos_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_photos" ADD CONSTRAINT "task_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "users_scope_idx" ON "users" USING btree ("scope_code");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "organizations_region_idx" ON "organizations" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_sector_idx" ON "projects" USING btree ("sector","status");--> statement-breakpoint
CREATE INDEX "volunteers_community_idx" ON "volunteers" USING btree ("community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteers_registered_idx" ON "volunteers" USING btree ("registered_on");--> statement-breakpoint
CREATE INDEX "volunteers_phone_hash_idx" ON "volunteers" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "volunteers_phone_last4_idx" ON "volunteers" USING btree ("phone_last4");--> statement-breakpoint
CREATE INDEX "volunteers_name_idx" ON "volunteers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "activities_region_idx" ON "activities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "enrolments_volunteer_idx" ON "enrolments" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "service_records_community_idx" ON "service_records" USING btree ("community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_records_volunteer_idx" ON "service_records" USING btree ("volunteer_id","status");--> statement-breakpoint
CREATE INDEX "service_records_active_idx" ON "service_records" USING btree ("status","service_date","community_code","volunteer_id");--> statement-breakpoint
CREATE INDEX "service_records_activity_idx" ON "service_records" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "point_entries_volunteer_idx" ON "point_entries" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "point_entries_community_idx" ON "point_entries" USING btree ("community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "point_entries_created_idx" ON "point_entries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "redemptions_volunteer_idx" ON "redemptions" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "demand_events_demand_idx" ON "demand_events" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "demands_community_idx" ON "demands" USING btree ("community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "demands_state_idx" ON "demands" USING btree ("state");--> statement-breakpoint
CREATE INDEX "demands_posted_idx" ON "demands" USING btree ("posted_at");--> statement-breakpoint
CREATE INDEX "demands_team_idx" ON "demands" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "tasks_street_idx" ON "rectification_tasks" USING btree ("street_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "tasks_status_deadline_idx" ON "rectification_tasks" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "tasks_reported_idx" ON "rectification_tasks" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_photos_task_idx" ON "task_photos" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "rollups_grain_period_idx" ON "rollups" USING btree ("grain","period");--> statement-breakpoint
CREATE INDEX "rollups_region_prefix_idx" ON "rollups" USING btree ("region_code" text_pattern_ops,"grain","period");