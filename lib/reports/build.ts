import "server-only";
/**
 * Builds the monthly report (月报) for a region in the user's scope: every shared figure comes from
 * `getRegionMetrics` (the cockpit's and the API's source) for the month's days, so the three agree
 * by construction; the report adds what only it shows (star distribution, activities by sector,
 * dispatch service levels, the street ranking, typical unresolved problems). The result is plain
 * JSON: it is what the preview renders, what a publication freezes, and what every export writes.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/session";
import { getNumberSetting } from "@/lib/campaign/queries";
import { tasks as taskFigures } from "@/lib/metrics/compute";
import { getHoursSeries, getRegionMetrics, type RegionMetrics } from "@/lib/metrics/queries";
import { campaignDay, closureRate, onTimeClosureRate, type Period, SECTORS } from "@/lib/metrics/rules";
import { TZ } from "@/lib/metrics/rollup";
import { TYPE_LABELS, type TaskType } from "@/lib/tasks/rules";
import { SECTOR_ZH } from "@/lib/volunteers/rules";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { getTimebankFigures } from "@/lib/timebank/figures";
import { type MonthRange, monthLabel, rankStreets, RANKING_RULE, type RankInput, zhCount, zhHours, zhPercent } from "./rules";
import type { Cell, Column, MonthlyReport, ReportTable } from "./types";

const pick = (c: { day: number; daysLeft: number }) => ({ day: c.day, daysLeft: c.daysLeft });
const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

function volunteerRow(m: RegionMetrics): Record<string, Cell> {
  return {
    name: m.name,
    population: m.population,
    registered: m.registeredVolunteers,
    share: pct(m.registrationShare),
    target: m.target ? m.target.registrationShare : null,
    newVolunteers: m.newVolunteers,
    active: m.activeVolunteers,
    hours: m.verifiedHours,
    served: m.peopleServed,
  };
}

function taskRow(m: RegionMetrics): Record<string, Cell> {
  return {
    name: m.name,
    total: m.tasks.total,
    closed: m.tasks.closed,
    open: m.tasks.total - m.tasks.closed,
    overdue: m.tasks.overdue,
    escalated: m.tasks.escalated,
    closureRate: pct(m.closureRate),
    onTimeRate: pct(m.onTimeClosureRate),
  };
}

const C = (key: string, label: string, kind: Column["kind"], unit?: string): Column => ({ key, label, kind, unit });

/** The report of a region in the actor's scope (null outside it); `actor` is the signed-in user lib/metrics expects. */
export async function buildMonthlyReport(db: Queryable, actor: CurrentUser, { code, range }: { code: string; range: MonthRange }): Promise<MonthlyReport | null> {
  const period: Period = { kind: "custom", from: range.from, to: range.to };
  const metrics = await getRegionMetrics({ user: actor, code, period });
  if (!metrics) return null;
  const like = `${code}%`;
  const childLabel = metrics.level === "city" ? "区（市）" : metrics.level === "district" ? "街道（镇）" : "社区（村）";

  // Streets for the ranking: every street in scope, with the cockpit's task figures (one grouped
  // query, the same definitions as computeFigures) — a district's children, or all of the city's.
  const streets = await rows<{ code: string; name: string; district: string }>(
    db,
    sql`SELECT s.code, s.name, d.name AS district FROM regions s JOIN regions d ON d.code = s.parent_code
        WHERE s.level = 'street' AND s.code LIKE ${like} ORDER BY s.code`,
  );
  const escalationDays = await getNumberSetting(db, "overdue_escalation_days", 3);
  const byStreet = await taskFigures(db, { code, from: range.from, to: range.to, campaignStart: metrics.campaign.start, escalationDays }, 9);
  const streetInputs: (RankInput & { district: string })[] = metrics.level === "city" || metrics.level === "district"
    ? streets.map((s) => {
        const f = byStreet.get(s.code);
        const total = f?.total ?? 0;
        const closed = f?.closed ?? 0;
        return { code: s.code, name: s.name, district: s.district, total, closed, overdue: f?.overdue ?? 0, closureRate: closureRate(closed, total), onTimeClosureRate: onTimeClosureRate(f?.closed_on_time ?? 0, f?.due ?? 0) };
      })
    : [];
  const ranking = rankStreets(streetInputs);
  const listOf = (code: string) => (ranking.red.some((r) => r.code === code) ? "红榜" : ranking.black.some((r) => r.code === code) ? "黑榜" : "");

  // Star levels of the volunteers registered in scope by the end of the month (current levels).
  const stars = await rows<{ s: number; n: number }>(
    db,
    sql`SELECT star_level AS s, count(*)::int AS n FROM volunteers WHERE community_code LIKE ${like} AND registered_on <= ${range.to}::date GROUP BY 1 ORDER BY 1`,
  );
  const starBy = new Map(stars.map((x) => [Number(x.s), x.n]));

  // Activities completed in the month, by sector.
  const acts = await rows<{ sector: string; held: number; enrolled: number; served: number; solved: number }>(
    db,
    sql`SELECT a.sector::text AS sector, count(*)::int AS held,
          coalesce(sum((SELECT count(*) FROM enrolments e WHERE e.activity_id = a.id AND e.status <> 'cancelled')), 0)::int AS enrolled,
          coalesce(sum(a.people_served), 0)::int AS served, coalesce(sum(a.problems_solved), 0)::int AS solved
        FROM activities a
        WHERE a.region_code LIKE ${like} AND a.status = 'completed'
          AND (a.ends_at AT TIME ZONE ${TZ})::date BETWEEN ${range.from}::date AND ${range.to}::date
        GROUP BY 1`,
  );
  const actBy = new Map(acts.map((a) => [a.sector, a]));

  // Tasks found and closed within the month (the cockpit's figures are "as of month end").
  const [monthTasks] = await rows<{ found: number; closed: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE (reported_at AT TIME ZONE ${TZ})::date BETWEEN ${range.from}::date AND ${range.to}::date)::int AS found,
               count(*) FILTER (WHERE status = 'closed' AND (closed_at AT TIME ZONE ${TZ})::date BETWEEN ${range.from}::date AND ${range.to}::date)::int AS closed
        FROM rectification_tasks WHERE community_code LIKE ${like}`,
  );

  // Typical unresolved problems: the oldest overdue open tasks at month end, with a photo if any.
  const problems = await rows<{ id: number; type: TaskType; point_name: string; description: string; street: string; community: string; deadline: string; days: number; photo_id: number | null }>(
    db,
    sql`SELECT t.id, t.type::text AS type, t.point_name, t.description, s.name AS street, c.name AS community, t.deadline::text AS deadline,
          (${range.to}::date - t.deadline)::int AS days,
          (SELECT p.id FROM task_photos p WHERE p.task_id = t.id ORDER BY (p.phase = 'before') DESC, p.id LIMIT 1) AS photo_id
        FROM rectification_tasks t JOIN regions s ON s.code = t.street_code JOIN regions c ON c.code = t.community_code
        WHERE t.community_code LIKE ${like} AND t.deadline < ${range.to}::date
          AND (t.reported_at AT TIME ZONE ${TZ})::date <= ${range.to}::date
          AND NOT (t.status = 'closed' AND (t.closed_at AT TIME ZONE ${TZ})::date <= ${range.to}::date)
        ORDER BY t.deadline, t.id LIMIT 5`,
  );

  // Dispatch and time bank: their own modules define the figures (the /dispatch and /timebank pages use them too).
  const dispatchTotal = await getDispatchFigures(db, actor, { regionCode: code, from: range.from, to: range.to });
  const dispatchKids = await Promise.all(metrics.children.map(async (c) => ({ c, f: await getDispatchFigures(db, actor, { regionCode: c.code, from: range.from, to: range.to }) })));
  const timebank = await getTimebankFigures(db, actor, { code, from: range.from, to: range.to });
  const hoursSeries = await getHoursSeries({ user: actor, code, period });

  const tables: ReportTable[] = [
    {
      id: "volunteers",
      title: "一、志愿者注册与服务",
      columns: [C("name", childLabel, "text"), C("population", "常住人口", "int", "人"), C("registered", "注册志愿者", "int", "人"), C("share", "注册率", "percent"), C("target", "目标注册率", "percent"), C("newVolunteers", "本月新增", "int", "人"), C("active", "活跃志愿者", "int", "人"), C("hours", "认定服务时长", "hours", "小时"), C("served", "服务人次", "int", "人次")],
      rows: metrics.children.map(volunteerRow),
      total: { ...volunteerRow(metrics), name: "合计" },
      note: "注册志愿者为截至月末累计；注册率 = 注册志愿者 ÷ 常住人口；活跃志愿者为截至月末 30 天内有认定服务记录的人数；只计已认定的时长。",
    },
    {
      id: "stars",
      title: "二、志愿者星级分布",
      columns: [C("level", "星级", "text"), C("count", "人数", "int", "人"), C("share", "占比", "percent")],
      rows: [0, 1, 2, 3, 4, 5].map((s) => {
        const n = starBy.get(s) ?? 0;
        const all = [...starBy.values()].reduce((a, b) => a + b, 0);
        return { level: s === 0 ? "未评星" : `${"★".repeat(s)}（${s}星）`, count: n, share: all ? Math.round((n / all) * 10000) / 10000 : null };
      }),
      note: "星级按累计认定服务时长评定（生成时的当前星级）。",
    },
    {
      id: "projects",
      title: "三、六大领域项目覆盖",
      columns: [C("name", childLabel, "text"), ...SECTORS.map((s) => C(s, SECTOR_ZH[s], "int", "个")), C("total", "合计", "int", "个"), C("gaps", "空白领域", "text")],
      rows: metrics.children.map((m) => ({ name: m.name, ...m.projectsBySector, total: m.activeProjects, gaps: SECTORS.filter((s) => m.projectsBySector[s] === 0).map((s) => SECTOR_ZH[s]).join("、") || "无" })),
      total: { name: "合计", ...metrics.projectsBySector, total: metrics.activeProjects, gaps: SECTORS.filter((s) => metrics.projectsBySector[s] === 0).map((s) => SECTOR_ZH[s]).join("、") || "无" },
      note: "本月内处于实施期的项目数；空白领域为该区域没有实施中项目的领域。",
    },
    {
      id: "activities",
      title: "四、志愿服务活动",
      columns: [C("sector", "领域", "text"), C("held", "开展活动", "int", "场"), C("enrolled", "参与志愿者", "int", "人次"), C("served", "服务群众", "int", "人次"), C("solved", "解决问题", "int", "个")],
      rows: SECTORS.map((s) => ({ sector: SECTOR_ZH[s], held: actBy.get(s)?.held ?? 0, enrolled: actBy.get(s)?.enrolled ?? 0, served: actBy.get(s)?.served ?? 0, solved: actBy.get(s)?.solved ?? 0 })),
      total: { sector: "合计", held: acts.reduce((a, x) => a + x.held, 0), enrolled: acts.reduce((a, x) => a + x.enrolled, 0), served: acts.reduce((a, x) => a + x.served, 0), solved: acts.reduce((a, x) => a + x.solved, 0) },
      note: "本月结束并已登记成效的活动。",
    },
    {
      id: "dispatch",
      title: "五、网约志愿服务（点单派单）",
      columns: [C("name", childLabel, "text"), C("received", "受理需求", "int", "件"), C("dispatched", "已派单", "int", "件"), C("completed", "已完成", "int", "件"), C("cancelled", "已取消", "int", "件"), C("toDispatch", "派单用时中位数", "minutes", "分钟"), C("toAccept", "接单用时中位数", "minutes", "分钟"), C("toComplete", "完成用时中位数", "minutes", "分钟"), C("satisfaction", "满意度", "rating", "分")],
      rows: dispatchKids.map(({ c, f }) => dispatchRow(c.name, f)),
      total: dispatchRow("合计", dispatchTotal),
      note: "受理需求为本月发布的需求；用时为本月发生的派单、接单、完成各环节的中位数；满意度为本月评价的平均分（1–5 分）。",
    },
    {
      id: "rectification",
      title: "六、问题整改",
      columns: [C("name", childLabel, "text"), C("total", "发现问题", "int", "个"), C("closed", "已整改", "int", "个"), C("open", "未整改", "int", "个"), C("overdue", "超期未整改", "int", "个"), C("escalated", "督办", "int", "个"), C("closureRate", "整改率", "percent"), C("onTimeRate", "按期整改率", "percent")],
      rows: metrics.children.map(taskRow),
      total: { ...taskRow(metrics), name: "合计" },
      note: `截至月末累计；本月新发现 ${monthTasks?.found ?? 0} 个、本月整改 ${monthTasks?.closed ?? 0} 个。整改率 = 已整改 ÷ 发现问题；按期整改率 = 按期整改 ÷ 已到期问题。`,
    },
    {
      id: "ranking",
      title: "七、街道整改排名（红黑榜）",
      columns: [C("rank", "名次", "int"), C("name", "街道（镇）", "text"), C("district", "所属区（市）", "text"), C("total", "发现问题", "int", "个"), C("closed", "已整改", "int", "个"), C("overdue", "超期未整改", "int", "个"), C("closureRate", "整改率", "percent"), C("onTimeRate", "按期整改率", "percent"), C("list", "榜单", "text")],
      rows: ranking.ranked.map((r) => ({ rank: r.rank, name: r.name, district: streetInputs.find((s) => s.code === r.code)!.district, total: r.total, closed: r.closed, overdue: r.overdue, closureRate: pct(r.closureRate), onTimeRate: pct(r.onTimeClosureRate), list: listOf(r.code) })),
      note: `${RANKING_RULE}${ranking.unranked.length ? `本月有 ${ranking.unranked.length} 个街道因问题数不足未参与排名。` : ""}`,
    },
    {
      id: "points",
      title: "八、时间银行积分",
      columns: [C("name", childLabel, "text"), C("issued", "发放积分", "int", "分"), C("redeemed", "兑换积分", "int", "分")],
      rows: metrics.children.map((m) => ({ name: m.name, issued: m.pointsIssued, redeemed: m.pointsRedeemed })),
      total: { name: "合计", issued: metrics.pointsIssued, redeemed: metrics.pointsRedeemed },
      note: `发放积分 = 本月认定时长及网约奖励入账（含冲正）；兑换积分 = 本月兑换扣减（扣除取消退回）。截至生成时积分余额 ${zhCount(timebank.pointsOutstanding)} 分。`,
    },
    {
      id: "rewards",
      title: "九、热门兑换奖品",
      columns: [C("name", "奖品", "text"), C("count", "兑换次数", "int", "次"), C("points", "消耗积分", "int", "分")],
      rows: timebank.topRewards.map((r) => ({ name: r.name, count: r.count, points: r.points })),
      note: "本月兑换次数最多的奖品（不含已取消）。",
    },
    {
      id: "problems",
      title: "十、典型未整改问题",
      columns: [C("id", "编号", "int"), C("type", "类型", "text"), C("point", "点位", "text"), C("place", "街道 / 社区", "text"), C("deadline", "整改期限", "text"), C("days", "超期天数", "int", "天"), C("description", "问题描述", "text")],
      rows: problems.map((p) => ({ id: p.id, type: TYPE_LABELS[p.type] ?? p.type, point: p.point_name, place: `${p.street} / ${p.community}`, deadline: p.deadline, days: p.days, description: p.description })),
      note: "截至月末超期时间最长的未整改问题。",
    },
  ];

  const report: MonthlyReport = {
    version: 1,
    meta: {
      regionCode: metrics.code,
      regionName: metrics.name,
      level: metrics.level,
      month: range.month,
      from: range.from,
      to: range.to,
      partial: range.partial,
      generatedAt: new Date().toISOString(),
      // The campaign's day at the end of the reported days, not today's.
      campaign: { ...metrics.campaign, ...pick(campaignDay(metrics.campaign.start, metrics.campaign.days, range.to)) },
    },
    key: {
      registeredVolunteers: metrics.registeredVolunteers,
      registrationShare: pct(metrics.registrationShare),
      targetShare: metrics.target?.registrationShare ?? null,
      newVolunteers: metrics.newVolunteers,
      activeVolunteers: metrics.activeVolunteers,
      verifiedHours: metrics.verifiedHours,
      peopleServed: metrics.peopleServed,
      activeProjects: metrics.activeProjects,
      demandsReceived: metrics.demands.received,
      demandsCompleted: metrics.demands.completed,
      avgRating: metrics.avgRating === null ? null : Math.round(metrics.avgRating * 100) / 100,
      tasksTotal: metrics.tasks.total,
      tasksClosed: metrics.tasks.closed,
      tasksOverdue: metrics.tasks.overdue,
      closureRate: pct(metrics.closureRate),
      onTimeClosureRate: pct(metrics.onTimeClosureRate),
      pointsIssued: metrics.pointsIssued,
      pointsRedeemed: metrics.pointsRedeemed,
      tasksFoundInMonth: monthTasks?.found ?? 0,
      tasksClosedInMonth: monthTasks?.closed ?? 0,
    },
    summary: "",
    tables,
    charts: {
      hoursTrend: hoursSeries.map((p) => ({ label: p.date.slice(5), value: p.hours })),
      closureByChild: metrics.children.map((m) => ({ label: m.name, value: m.closureRate === null ? 0 : Math.round(m.closureRate * 1000) / 10 })),
    },
    ranking: { rule: RANKING_RULE, red: ranking.red.map((r) => ({ rank: r.rank, name: r.name, closureRate: pct(r.closureRate) })), black: ranking.black.map((r) => ({ rank: r.rank, name: r.name, closureRate: pct(r.closureRate) })) },
    problems: problems.map((p) => ({ id: p.id, title: `${TYPE_LABELS[p.type] ?? p.type} · ${p.point_name}`, place: `${p.street} / ${p.community}`, days: p.days, photoId: p.photo_id })),
  };
  report.summary = summarize(report);
  return report;
}

function dispatchRow(name: string, f: Awaited<ReturnType<typeof getDispatchFigures>>): Record<string, Cell> {
  return {
    name,
    received: f.received,
    dispatched: f.dispatched,
    completed: f.completed,
    cancelled: f.cancelled,
    toDispatch: f.medianMinutesToDispatch === null ? null : Math.round(f.medianMinutesToDispatch),
    toAccept: f.medianMinutesToAccept === null ? null : Math.round(f.medianMinutesToAccept),
    toComplete: f.medianMinutesToComplete === null ? null : Math.round(f.medianMinutesToComplete),
    satisfaction: f.satisfaction === null ? null : Math.round(f.satisfaction * 100) / 100,
  };
}

/** The summary paragraph: the month's key figures written out as sentences. */
export function summarize(r: Pick<MonthlyReport, "meta" | "key" | "ranking">): string {
  const k = r.key;
  const when = `${monthLabel(r.meta.month)}${r.meta.partial ? `（截至${Number(r.meta.to.slice(5, 7))}月${Number(r.meta.to.slice(8))}日）` : ""}`;
  const parts = [
    `${when}，${r.meta.regionName}新增注册志愿者${zhCount(k.newVolunteers)}人，累计注册${zhCount(k.registeredVolunteers)}人，占常住人口的${zhPercent(k.registrationShare)}${k.targetShare !== null ? `（目标${zhPercent(k.targetShare)}，${(k.registrationShare ?? 0) >= k.targetShare ? "已达标" : "尚未达标"}）` : ""}`,
    `认定志愿服务时长${zhHours(k.verifiedHours)}小时，活跃志愿者${zhCount(k.activeVolunteers)}人，服务群众${zhCount(k.peopleServed)}人次`,
    `受理群众点单${zhCount(k.demandsReceived)}件，完成${zhCount(k.demandsCompleted)}件${k.avgRating !== null ? `，群众满意度${k.avgRating.toFixed(2)}分` : ""}`,
    `截至月末累计发现问题${zhCount(k.tasksTotal)}个，已整改${zhCount(k.tasksClosed)}个，整改率${zhPercent(k.closureRate)}，按期整改率${zhPercent(k.onTimeClosureRate)}，超期未整改${zhCount(k.tasksOverdue)}个`,
    `时间银行发放积分${zhCount(k.pointsIssued)}分，兑换${zhCount(k.pointsRedeemed)}分`,
  ];
  let s = `${parts.join("；")}。`;
  if (r.ranking.red.length) s += `街道整改红榜前列为${r.ranking.red.slice(0, 3).map((x) => x.name).join("、")}`;
  if (r.ranking.black.length) s += `${r.ranking.red.length ? "；" : ""}黑榜靠后的为${r.ranking.black.slice(0, 3).map((x) => x.name).join("、")}，需加大整改力度`;
  if (r.ranking.red.length || r.ranking.black.length) s += "。";
  return s;
}
