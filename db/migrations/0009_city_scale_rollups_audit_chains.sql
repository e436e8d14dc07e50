CREATE TABLE "audit_chain_heads" (
	"chain" smallint PRIMARY KEY NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"hash" text,
	"entries" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"day" date NOT NULL,
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
	"active_delta" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" RENAME TO "rollup_levels";--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "active_delta" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "rollup_deltas_prefix_idx" ON "rollup_deltas" USING btree ("community_code" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("chain","id");--> statement-breakpoint
-- The global data_version row (0003) is gone: every write in the city bumped it, so all writers
-- queued on one row and any write anywhere emptied every cached figure. The cache is now
-- bounded-stale with local invalidation (lib/metrics/cache.ts, docs/metrics.md).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions','volunteers','organizations','projects','activities','service_records',
                           'point_entries','redemptions','demands','rectification_tasks','campaigns',
                           'campaign_targets','settings','rollups']
  LOOP
    -- rollups was renamed to rollup_levels above; its trigger kept its name.
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_bump_data_version', CASE WHEN t = 'rollups' THEN 'rollup_levels' ELSE t END);
  END LOOP;
END $$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS bump_data_version();
--> statement-breakpoint
DROP TABLE IF EXISTS "data_version";
--> statement-breakpoint
-- Audit chains (lib/audit/log.ts): a writer claims whichever of n chains no other open transaction
-- holds (a transaction-scoped advisory lock per chain, tried without waiting) and gets that
-- chain's head. It never waits on a lock another writer holds, so it cannot deadlock; if every
-- chain is taken it retries after a millisecond. Chains are tried from 0 up, so a quiet system
-- keeps one chain and more open only under concurrent writes.
CREATE OR REPLACE FUNCTION audit_claim_chain(n integer, OUT chain integer, OUT prev_hash text) AS $$
DECLARE
  i integer;
BEGIN
  LOOP
    FOR i IN 0..n - 1 LOOP
      IF pg_try_advisory_xact_lock(7702001, i) THEN
        chain := i;
        SELECT h.hash INTO prev_hash FROM audit_chain_heads h WHERE h.chain = i;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_heads (chain) VALUES (i);
          prev_hash := NULL;
        END IF;
        RETURN;
      END IF;
    END LOOP;
    PERFORM pg_sleep(0.001);
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The one chain so far: its head is the log's last entry.
INSERT INTO "audit_chain_heads" (chain, last_id, hash, entries)
SELECT 0, a.id, a.hash, (SELECT count(*) FROM audit_log) FROM audit_log a ORDER BY a.id DESC LIMIT 1;
--> statement-breakpoint
-- New levels of the existing rollups: districts and the city, from the street rows.
INSERT INTO "rollup_levels" (region_code, grain, period, sector, new_volunteers, verified_hours, verified_records, people_served,
                       activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count)
SELECT left(region_code, l), grain, period, sector, sum(new_volunteers), sum(verified_hours), sum(verified_records), sum(people_served),
       sum(activities_held), sum(points_issued), sum(points_redeemed), sum(demands_received), sum(demands_completed), sum(rating_sum), sum(rating_count)
FROM "rollup_levels" CROSS JOIN (VALUES (6), (4)) AS lv(l)
WHERE length(region_code) = 9
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- The active-volunteer runs (lib/metrics/active.ts), from the raw service records, at every level.
-- Sorting every verified record twice: enough memory for this transaction that it sorts in memory
-- (with the default 4 MB the city profile's 18 M records spill to disk for over half an hour).
SET LOCAL work_mem = '1GB';
--> statement-breakpoint
-- The active-volunteer runs (lib/metrics/active.ts), from the raw service records, at every level.
INSERT INTO "rollup_levels" (region_code, grain, period, sector, active_delta)
SELECT left(a.community_code, lv.l), g.grain, CASE WHEN g.grain = 'day' THEN a.day ELSE date_trunc('month', a.day)::date END, a.sector, sum(a.active_delta)
FROM (SELECT e.day, w.community_code, w.sector, 0 AS new_volunteers, 0 AS verified_hours, 0 AS verified_records, 0 AS people_served, 0 AS activities_held, 0 AS points_issued, 0 AS points_redeemed, 0 AS demands_received, 0 AS demands_completed, 0 AS rating_sum, 0 AS rating_count, sum(e.n) AS active_delta
     FROM (SELECT community_code, sector, day,
                  lag(day) OVER (PARTITION BY volunteer_id, community_code, sector ORDER BY day) AS prev,
                  lead(day) OVER (PARTITION BY volunteer_id, community_code, sector ORDER BY day) AS next
             FROM (SELECT DISTINCT volunteer_id, community_code, sector::text AS sector, service_date AS day FROM service_records WHERE status = 'verified'
                   UNION ALL
                   SELECT DISTINCT volunteer_id, community_code, '' AS sector, service_date AS day FROM service_records WHERE status = 'verified') d) w
     CROSS JOIN LATERAL (VALUES (w.day, CASE WHEN w.prev IS NULL OR w.day > w.prev + 30 THEN 1 ELSE 0 END),
                                (w.day + 30, CASE WHEN w.next IS NULL OR w.next > w.day + 30 THEN -1 ELSE 0 END)) AS e(day, n)
     GROUP BY 1, 2, 3) a CROSS JOIN (VALUES (12), (9), (6), (4)) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
GROUP BY 1, 2, 3, 4
HAVING sum(a.active_delta) <> 0
ON CONFLICT (region_code, grain, period, sector) DO UPDATE SET active_delta = rollup_levels.active_delta + EXCLUDED.active_delta;
--> statement-breakpoint
-- What every reader reads: the level rows plus the deltas not yet folded, spread to all levels and
-- both grains. Filters on region_code, grain, period and sector are pushed into both tables.
CREATE VIEW "rollups" AS
SELECT region_code, grain, period, sector, sum(new_volunteers) AS new_volunteers, sum(verified_hours) AS verified_hours, sum(verified_records) AS verified_records, sum(people_served) AS people_served, sum(activities_held) AS activities_held, sum(points_issued) AS points_issued, sum(points_redeemed) AS points_redeemed, sum(demands_received) AS demands_received, sum(demands_completed) AS demands_completed, sum(rating_sum) AS rating_sum, sum(rating_count) AS rating_count, sum(active_delta) AS active_delta
FROM (
  SELECT region_code, grain, period, sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta FROM rollup_levels
  UNION ALL
  SELECT left(d.community_code, lv.l), g.grain, CASE WHEN g.grain = 'day' THEN d.day ELSE date_trunc('month', d.day)::date END, d.sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta
  FROM rollup_deltas d CROSS JOIN (VALUES (12), (9), (6), (4)) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
) u(region_code, grain, period, sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta)
GROUP BY region_code, grain, period, sector;
--> statement-breakpoint
CREATE INDEX "rollup_levels_child_rows_idx" ON "rollup_levels" USING btree ("grain",length("region_code"),"region_code" text_pattern_ops,"period");