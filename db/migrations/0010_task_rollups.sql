ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_reported" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_closed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_escalated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_due" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "tasks_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "st_reported" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "st_assigned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "st_in_progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "st_submitted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "st_returned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_reported" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_closed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_escalated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_due" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "tasks_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "st_reported" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "st_assigned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "st_in_progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "st_submitted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_levels" ADD COLUMN "st_returned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Rectification tasks in the rollups (lib/metrics/task-rollup.ts). A task's figures as of day D
-- (reported by D, closed by D, overdue at D, escalated at D, deadline due by D, closed on time) are
-- running sums: each task contributes +1/−1 on the days its state "as of D" changes, so the figure
-- as of D is the sum of its rows over every day <= D, read like the active-volunteer series. Days
-- are China Standard Time; closed means status 'closed' (closed_at is its day). The open-status
-- columns count the tasks in that status now (their sum over all days).
CREATE FUNCTION task_rollup_events(p_reported timestamptz, p_deadline date, p_status text, p_closed timestamptz, p_k int)
RETURNS TABLE(day date, tasks_reported int, tasks_closed int, tasks_overdue int, tasks_escalated int, tasks_due int, tasks_on_time int, st_reported int, st_assigned int, st_in_progress int, st_submitted int, st_returned int)
LANGUAGE sql STABLE AS $$
  SELECT e.* FROM (SELECT (p_reported AT TIME ZONE 'Asia/Shanghai')::date AS r,
                          CASE WHEN p_status = 'closed' THEN (p_closed AT TIME ZONE 'Asia/Shanghai')::date END AS c) v
  CROSS JOIN LATERAL (VALUES
    (v.r, 1, 0, 0, 0, 0, 0, (p_status = 'reported')::int, (p_status = 'assigned')::int, (p_status = 'in_progress')::int, (p_status = 'submitted')::int, (p_status = 'returned')::int),
    (CASE WHEN v.c IS NOT NULL THEN greatest(v.r, v.c) END, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (greatest(v.r, p_deadline + 1), 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    (CASE WHEN v.c IS NOT NULL THEN greatest(v.r, p_deadline + 1, v.c) END, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0),
    (greatest(v.r, p_deadline + 1 + p_k), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    (CASE WHEN v.c IS NOT NULL THEN greatest(v.r, p_deadline + 1 + p_k, v.c) END, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0),
    (greatest(v.r, p_deadline), 0, 0, 0, 0, 1, (v.c IS NOT NULL AND v.c <= p_deadline)::int, 0, 0, 0, 0, 0)
  ) AS e(day, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned)
  WHERE e.day IS NOT NULL
$$;
--> statement-breakpoint
-- Every change to a task appends its rollup change (new contribution − old) to rollup_deltas in the
-- same transaction, whichever code path made it; the folder moves it into rollup_levels.
CREATE FUNCTION tasks_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k int := coalesce((SELECT value::int FROM settings WHERE key = 'overdue_escalation_days'), 3);
  n_code text; n_rep timestamptz; n_dl date; n_st text; n_cl timestamptz;
  o_code text; o_rep timestamptz; o_dl date; o_st text; o_cl timestamptz;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    n_code := NEW.community_code; n_rep := NEW.reported_at; n_dl := NEW.deadline; n_st := NEW.status::text; n_cl := NEW.closed_at;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    o_code := OLD.community_code; o_rep := OLD.reported_at; o_dl := OLD.deadline; o_st := OLD.status::text; o_cl := OLD.closed_at;
  END IF;
  IF TG_OP = 'UPDATE' AND (n_code, n_rep, n_dl, n_st, n_cl) IS NOT DISTINCT FROM (o_code, o_rep, o_dl, o_st, o_cl) THEN
    RETURN NULL;
  END IF;
  INSERT INTO rollup_deltas (community_code, day, sector, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned)
  SELECT code, day, '', sum(tasks_reported * sgn), sum(tasks_closed * sgn), sum(tasks_overdue * sgn), sum(tasks_escalated * sgn), sum(tasks_due * sgn), sum(tasks_on_time * sgn), sum(st_reported * sgn), sum(st_assigned * sgn), sum(st_in_progress * sgn), sum(st_submitted * sgn), sum(st_returned * sgn)
  FROM (SELECT n_code AS code, e.*, 1 AS sgn FROM task_rollup_events(n_rep, n_dl, n_st, n_cl, k) e WHERE n_code IS NOT NULL
        UNION ALL
        SELECT o_code, e.*, -1 FROM task_rollup_events(o_rep, o_dl, o_st, o_cl, k) e WHERE o_code IS NOT NULL) x
  GROUP BY code, day
  HAVING sum(tasks_reported * sgn) <> 0 OR sum(tasks_closed * sgn) <> 0 OR sum(tasks_overdue * sgn) <> 0 OR sum(tasks_escalated * sgn) <> 0 OR sum(tasks_due * sgn) <> 0 OR sum(tasks_on_time * sgn) <> 0 OR sum(st_reported * sgn) <> 0 OR sum(st_assigned * sgn) <> 0 OR sum(st_in_progress * sgn) <> 0 OR sum(st_submitted * sgn) <> 0 OR sum(st_returned * sgn) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tasks_rollup AFTER INSERT OR DELETE OR UPDATE OF community_code, reported_at, deadline, status, closed_at
  ON rectification_tasks FOR EACH ROW EXECUTE FUNCTION tasks_rollup_trigger();
--> statement-breakpoint
-- The tasks already there, at every level and both grains.
INSERT INTO rollup_levels (region_code, grain, period, sector, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned)
SELECT left(a.community_code, lv.l), g.grain, CASE WHEN g.grain = 'day' THEN a.day ELSE date_trunc('month', a.day)::date END, '', sum(a.tasks_reported), sum(a.tasks_closed), sum(a.tasks_overdue), sum(a.tasks_escalated), sum(a.tasks_due), sum(a.tasks_on_time), sum(a.st_reported), sum(a.st_assigned), sum(a.st_in_progress), sum(a.st_submitted), sum(a.st_returned)
FROM (SELECT t.community_code, e.day, sum(e.tasks_reported) AS tasks_reported, sum(e.tasks_closed) AS tasks_closed, sum(e.tasks_overdue) AS tasks_overdue, sum(e.tasks_escalated) AS tasks_escalated, sum(e.tasks_due) AS tasks_due, sum(e.tasks_on_time) AS tasks_on_time, sum(e.st_reported) AS st_reported, sum(e.st_assigned) AS st_assigned, sum(e.st_in_progress) AS st_in_progress, sum(e.st_submitted) AS st_submitted, sum(e.st_returned) AS st_returned
        FROM rectification_tasks t
        CROSS JOIN LATERAL task_rollup_events(t.reported_at, t.deadline, t.status::text, t.closed_at,
          coalesce((SELECT value::int FROM settings WHERE key = 'overdue_escalation_days'), 3)) e
       GROUP BY 1, 2) a
CROSS JOIN (VALUES (12), (9), (6), (4)) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
GROUP BY 1, 2, 3, 4
HAVING sum(a.tasks_reported) <> 0 OR sum(a.tasks_closed) <> 0 OR sum(a.tasks_overdue) <> 0 OR sum(a.tasks_escalated) <> 0 OR sum(a.tasks_due) <> 0 OR sum(a.tasks_on_time) <> 0 OR sum(a.st_reported) <> 0 OR sum(a.st_assigned) <> 0 OR sum(a.st_in_progress) <> 0 OR sum(a.st_submitted) <> 0 OR sum(a.st_returned) <> 0
ON CONFLICT (region_code, grain, period, sector) DO UPDATE SET tasks_reported = rollup_levels.tasks_reported + EXCLUDED.tasks_reported, tasks_closed = rollup_levels.tasks_closed + EXCLUDED.tasks_closed, tasks_overdue = rollup_levels.tasks_overdue + EXCLUDED.tasks_overdue, tasks_escalated = rollup_levels.tasks_escalated + EXCLUDED.tasks_escalated, tasks_due = rollup_levels.tasks_due + EXCLUDED.tasks_due, tasks_on_time = rollup_levels.tasks_on_time + EXCLUDED.tasks_on_time, st_reported = rollup_levels.st_reported + EXCLUDED.st_reported, st_assigned = rollup_levels.st_assigned + EXCLUDED.st_assigned, st_in_progress = rollup_levels.st_in_progress + EXCLUDED.st_in_progress, st_submitted = rollup_levels.st_submitted + EXCLUDED.st_submitted, st_returned = rollup_levels.st_returned + EXCLUDED.st_returned;
--> statement-breakpoint
-- Readers read the task columns through the view like every other figure (new columns at the end).
CREATE OR REPLACE VIEW "rollups" AS
SELECT region_code, grain, period, sector, sum(new_volunteers) AS new_volunteers, sum(verified_hours) AS verified_hours, sum(verified_records) AS verified_records, sum(people_served) AS people_served, sum(activities_held) AS activities_held, sum(points_issued) AS points_issued, sum(points_redeemed) AS points_redeemed, sum(demands_received) AS demands_received, sum(demands_completed) AS demands_completed, sum(rating_sum) AS rating_sum, sum(rating_count) AS rating_count, sum(active_delta) AS active_delta, sum(tasks_reported) AS tasks_reported, sum(tasks_closed) AS tasks_closed, sum(tasks_overdue) AS tasks_overdue, sum(tasks_escalated) AS tasks_escalated, sum(tasks_due) AS tasks_due, sum(tasks_on_time) AS tasks_on_time, sum(st_reported) AS st_reported, sum(st_assigned) AS st_assigned, sum(st_in_progress) AS st_in_progress, sum(st_submitted) AS st_submitted, sum(st_returned) AS st_returned
FROM (
  SELECT region_code, grain, period, sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned FROM rollup_levels
  UNION ALL
  SELECT left(d.community_code, lv.l), g.grain, CASE WHEN g.grain = 'day' THEN d.day ELSE date_trunc('month', d.day)::date END, d.sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned
  FROM rollup_deltas d CROSS JOIN (VALUES (12), (9), (6), (4)) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
) u(region_code, grain, period, sector, new_volunteers, verified_hours, verified_records, people_served, activities_held, points_issued, points_redeemed, demands_received, demands_completed, rating_sum, rating_count, active_delta, tasks_reported, tasks_closed, tasks_overdue, tasks_escalated, tasks_due, tasks_on_time, st_reported, st_assigned, st_in_progress, st_submitted, st_returned)
GROUP BY region_code, grain, period, sector;
