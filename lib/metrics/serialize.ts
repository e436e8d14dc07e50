import type { RegionMetrics, RegionReport } from "./queries";

/** The JSON shape of a region's figures in the public API (`/api/v1/regions/{code}/metrics`). */
export function metricsJson(m: RegionMetrics) {
  return {
    code: m.code,
    name: m.name,
    level: m.level,
    population: m.population,
    registeredVolunteers: m.registeredVolunteers,
    registrationShare: m.registrationShare,
    newVolunteers: m.newVolunteers,
    verifiedHours: m.verifiedHours,
    verifiedHoursCampaign: m.verifiedHoursCampaign,
    activeVolunteers: m.activeVolunteers,
    peopleServed: m.peopleServed,
    organizations: m.organizations,
    activeProjects: m.activeProjects,
    projectsBySector: m.projectsBySector,
    demands: { received: m.demands.received, completed: m.demands.completed, avgRating: m.avgRating, ratingCount: m.demands.ratingCount },
    tasks: {
      total: m.tasks.total,
      closed: m.tasks.closed,
      overdue: m.tasks.overdue,
      escalated: m.tasks.escalated,
      due: m.tasks.due,
      closedOnTime: m.tasks.closedOnTime,
      closureRate: m.closureRate,
      onTimeClosureRate: m.onTimeClosureRate,
    },
    pointsIssued: m.pointsIssued,
    pointsRedeemed: m.pointsRedeemed,
    target: m.target,
  };
}

export function reportJson(r: RegionReport) {
  return {
    ...metricsJson(r),
    from: r.period.from,
    to: r.period.to,
    sector: r.sector,
    campaign: r.campaign,
    children: r.children.map(metricsJson),
  };
}
