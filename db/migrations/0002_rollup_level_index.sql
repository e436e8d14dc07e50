DROP INDEX "rollups_grain_period_idx";--> statement-breakpoint
CREATE INDEX "rollups_grain_level_period_idx" ON "rollups" USING btree ("grain",length("region_code"),"period");