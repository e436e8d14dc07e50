/**
 * The naive path: every additive figure of one region computed straight from the raw tables, with
 * no rollups. It is the reference the rollups are tested against and the baseline of
 * `npm run bench:cockpit`; the cockpit itself never calls it.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { TZ } from "./rollup";
import { ACTIVE_WINDOW_DAYS, addDays, type AdditiveMetrics, emptyMetrics, round2, SECTORS, type Sector } from "./rules";
import type { MetricsQuery } from "./compute";

export async function computeRaw(db: Queryable, q: MetricsQuery, population: number): Promise<AdditiveMetrics> {
  const p = `${q.code}%`;
  const sec = q.sector ? sql`AND sector = ${q.sector}` : sql``;
  const esc = addDays(q.to, -(q.escalationDays ?? 3));
  const [v] = await rows<Record<string, string | number | null>>(
    db,
    sql`SELECT
      (SELECT count(*) FROM volunteers WHERE community_code LIKE ${p} AND registered_on <= ${q.to}::date) AS registered,
      (SELECT count(*) FROM volunteers WHERE community_code LIKE ${p} AND registered_on BETWEEN ${q.from}::date AND ${q.to}::date) AS new_volunteers,
      (SELECT coalesce(sum(hours), 0) FROM service_records WHERE status = 'verified' AND community_code LIKE ${p}
          AND service_date BETWEEN ${q.from}::date AND ${q.to}::date ${sec}) AS hours,
      (SELECT coalesce(sum(hours), 0) FROM service_records WHERE status = 'verified' AND community_code LIKE ${p}
          AND service_date BETWEEN ${q.campaignStart}::date AND ${q.to}::date ${sec}) AS hours_campaign,
      (SELECT count(DISTINCT volunteer_id) FROM service_records WHERE status = 'verified' AND community_code LIKE ${p}
          AND service_date > ${addDays(q.to, -ACTIVE_WINDOW_DAYS)}::date AND service_date <= ${q.to}::date ${sec}) AS active,
      (SELECT coalesce(sum(people_served), 0) FROM activities WHERE status = 'completed' AND region_code LIKE ${p}
          AND (ends_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date ${sec}) AS served_activities,
      (SELECT coalesce(sum(people_served), 0) FROM demands WHERE community_code LIKE ${p} AND completed_at IS NOT NULL
          AND state IN ('completed','rated','rewarded') AND (completed_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS served_demands,
      (SELECT coalesce(sum(amount), 0) FROM point_entries WHERE community_code LIKE ${p} AND kind IN ('earn','reverse','dispatch_reward','adjust','moral')
          AND (created_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS points_issued,
      (SELECT coalesce(-sum(amount), 0) FROM point_entries WHERE community_code LIKE ${p} AND kind IN ('redeem','refund')
          AND (created_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS points_redeemed,
      (SELECT count(*) FROM demands WHERE community_code LIKE ${p} AND (posted_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS received,
      (SELECT count(*) FROM demands WHERE community_code LIKE ${p} AND completed_at IS NOT NULL AND state IN ('completed','rated','rewarded')
          AND (completed_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS completed,
      (SELECT coalesce(sum(rating), 0) FROM demands WHERE community_code LIKE ${p} AND rating IS NOT NULL AND rated_at IS NOT NULL
          AND (rated_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS rating_sum,
      (SELECT count(*) FROM demands WHERE community_code LIKE ${p} AND rating IS NOT NULL AND rated_at IS NOT NULL
          AND (rated_at AT TIME ZONE ${TZ})::date BETWEEN ${q.from}::date AND ${q.to}::date) AS rating_count,
      (SELECT count(*) FROM organizations WHERE region_code LIKE ${p}) AS orgs`,
  );
  const [t] = await rows<Record<string, number>>(
    db,
    sql`SELECT count(*)::int AS total,
        count(*) FILTER (WHERE status = 'closed' AND (closed_at AT TIME ZONE ${TZ})::date <= ${q.to}::date)::int AS closed,
        count(*) FILTER (WHERE deadline < ${q.to}::date AND NOT (status = 'closed' AND (closed_at AT TIME ZONE ${TZ})::date <= ${q.to}::date))::int AS overdue,
        count(*) FILTER (WHERE deadline < ${esc}::date AND NOT (status = 'closed' AND (closed_at AT TIME ZONE ${TZ})::date <= ${q.to}::date))::int AS escalated,
        count(*) FILTER (WHERE deadline <= ${q.to}::date)::int AS due,
        count(*) FILTER (WHERE deadline <= ${q.to}::date AND status = 'closed' AND (closed_at AT TIME ZONE ${TZ})::date <= ${q.to}::date
                           AND (closed_at AT TIME ZONE ${TZ})::date <= deadline)::int AS closed_on_time
      FROM rectification_tasks WHERE community_code LIKE ${p} AND (reported_at AT TIME ZONE ${TZ})::date <= ${q.to}::date`,
  );
  const pr = await rows<{ sector: Sector; n: number }>(
    db,
    sql`SELECT sector::text AS sector, count(*)::int AS n FROM projects WHERE region_code LIKE ${p} AND status = 'active'
      AND start_date <= ${q.to}::date AND (end_date IS NULL OR end_date >= ${q.from}::date) ${sec} GROUP BY 1`,
  );
  const m = emptyMetrics();
  const n = (k: string) => Number(v![k] ?? 0);
  m.population = population;
  m.registeredVolunteers = n("registered");
  m.newVolunteers = n("new_volunteers");
  m.verifiedHours = round2(n("hours"));
  m.verifiedHoursCampaign = q.to < q.campaignStart ? 0 : round2(n("hours_campaign"));
  m.activeVolunteers = n("active");
  m.peopleServed = n("served_activities") + n("served_demands");
  m.pointsIssued = n("points_issued");
  m.pointsRedeemed = n("points_redeemed");
  m.demands = { received: n("received"), completed: n("completed"), ratingSum: n("rating_sum"), ratingCount: n("rating_count") };
  m.organizations = n("orgs");
  m.tasks = { total: t!.total!, closed: t!.closed!, overdue: t!.overdue!, escalated: t!.escalated!, due: t!.due!, closedOnTime: t!.closed_on_time! };
  for (const s of SECTORS) m.projectsBySector[s] = pr.find((x) => x.sector === s)?.n ?? 0;
  m.activeProjects = SECTORS.reduce((s, x) => s + m.projectsBySector[x], 0);
  return m;
}
