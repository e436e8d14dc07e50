/**
 * Rectification tasks in the rollups (migration 0010, docs/metrics.md "Rectification tasks").
 *
 * The cockpit's task figures are "as of the end of day D": reported by D, closed by D, overdue at D
 * (deadline before D and not closed by D), escalated at D (deadline more than the escalation days
 * before D, not closed), due by D (deadline ≤ D), closed on time (closed on or before a deadline
 * ≤ D). Each is a running sum: a task adds +1 (and, once closed, −1) on the days its state "as of
 * D" changes, so the figure as of D is the sum of its rollup rows over every day ≤ D — read from
 * month rows for whole months and day rows for the rest, like the active-volunteer series, instead
 * of counting the raw tasks of the city per request.
 *
 * For a task reported on day r, deadline dl, closed on day c (status 'closed'), escalation days k:
 *   tasks_reported   +1 at r
 *   tasks_closed     +1 at max(r, c)
 *   tasks_overdue    +1 at max(r, dl+1), −1 at max(r, dl+1, c)
 *   tasks_escalated  +1 at max(r, dl+1+k), −1 at max(r, dl+1+k, c)
 *   tasks_due        +1 at max(r, dl);  tasks_on_time +1 at max(r, dl) when c ≤ dl
 *   st_<status>      +1 at r for the open status the task is in now (closed ones: tasks_closed)
 *
 * One definition in SQL (`task_rollup_events`), used by the trigger on rectification_tasks — so every
 * code path that inserts, moves, transitions or deletes a task keeps the rollups in its own
 * transaction — and by the raw source below that `rollups:verify` / `rollups:rebuild` compare with.
 * k is the `overdue_escalation_days` setting when the write happens; after changing that setting run
 * `npm run rollups:rebuild` (lib/metrics/verify.ts reports the difference until then).
 */
export const TASK_ROLLUP_METRICS = [
  "tasks_reported",
  "tasks_closed",
  "tasks_overdue",
  "tasks_escalated",
  "tasks_due",
  "tasks_on_time",
  "st_reported",
  "st_assigned",
  "st_in_progress",
  "st_submitted",
  "st_returned",
] as const;

/** The raw source of the task columns (one SELECT yielding day, community_code, sector, …metrics). */
export function taskRollupSource(zero: (except: Record<string, string>) => string): string {
  return `SELECT e.day, t.community_code, '' AS sector,
          ${zero(Object.fromEntries(TASK_ROLLUP_METRICS.map((m) => [m, `sum(e.${m})`])))}
     FROM rectification_tasks t
     CROSS JOIN LATERAL task_rollup_events(t.reported_at, t.deadline, t.status::text, t.closed_at,
       coalesce((SELECT value::int FROM settings WHERE key = 'overdue_escalation_days'), 3)) e
     GROUP BY 1, 2`;
}
