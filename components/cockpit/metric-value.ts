import type { RegionMetrics } from "@/lib/metrics/queries";
import type { MapMetric, SortKey } from "@/lib/metrics/params";

export function mapMetricValue(m: RegionMetrics, k: MapMetric): number | null {
  switch (k) {
    case "registrationShare":
      return m.registrationShare;
    case "verifiedHours":
      return m.verifiedHours;
    case "activeVolunteers":
      return m.activeVolunteers;
    case "newVolunteers":
      return m.newVolunteers;
    case "closureRate":
      return m.closureRate;
    case "overdue":
      return m.tasks.overdue;
  }
}

export const isRatio = (k: MapMetric) => k === "registrationShare" || k === "closureRate";

export function sortValue(m: RegionMetrics, k: SortKey): number | string | null {
  switch (k) {
    case "name":
      return m.code;
    case "demandsReceived":
      return m.demands.received;
    case "tasksTotal":
      return m.tasks.total;
    case "overdue":
      return m.tasks.overdue;
    default:
      return m[k];
  }
}
