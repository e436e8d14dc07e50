-- A single counter that moves with every write to a table the cockpit's figures come from.
-- Statement-level triggers bump it inside the writing transaction, so no write path can forget
-- it; the app caches computed figures keyed by this version (lib/metrics/cache.ts) and a read
-- after any committed write sees a new version and recomputes.
CREATE TABLE "data_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "v" bigint NOT NULL);
--> statement-breakpoint
INSERT INTO "data_version" ("id", "v") VALUES (1, 1);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger AS $$
BEGIN
  UPDATE data_version SET v = v + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions','volunteers','organizations','projects','activities','service_records',
                           'point_entries','redemptions','demands','rectification_tasks','campaigns',
                           'campaign_targets','settings','rollups']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_bump_data_version', t);
  END LOOP;
END $$;
