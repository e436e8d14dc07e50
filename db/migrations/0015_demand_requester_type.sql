-- Who asks for help on 点单: individual (default; every earlier need), unit (单位) or community.
-- (drizzle-kit also proposed the rollup task columns here: they already exist since 0010, whose
-- snapshot lacked them; this snapshot now records them.)
ALTER TABLE "demands" ADD COLUMN "requester_type" text DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_requester_type" CHECK ("demands"."requester_type" IN ('individual', 'unit', 'community'));
