-- Who asks for help on 点单: individual (default; every earlier need), unit (单位) or community.
ALTER TABLE "demands" ADD COLUMN "requester_type" text DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_requester_type" CHECK ("demands"."requester_type" IN ('individual', 'unit', 'community'));
