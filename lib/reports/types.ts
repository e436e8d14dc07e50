/** The monthly report as data: what the preview shows, a publication freezes and every export writes. */
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** How the value is written: counts, hours (1 decimal), a 0–1 fraction as %, minutes, a 1–5 score, text. */
  kind: "int" | "hours" | "percent" | "minutes" | "rating" | "text";
  unit?: string;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  total?: Record<string, Cell>;
  note?: string;
}

export interface ChartPoint {
  label: string;
  value: number;
}

export interface MonthlyReport {
  version: 1;
  meta: {
    regionCode: string;
    regionName: string;
    level: "city" | "district" | "street" | "community";
    month: string;
    from: string;
    to: string;
    partial: boolean;
    generatedAt: string;
    campaign: { name: string; start: string; days: number; day: number; daysLeft: number };
  };
  /** The headline figures (the same names as the metrics API where they are shared). */
  key: {
    registeredVolunteers: number;
    registrationShare: number | null;
    targetShare: number | null;
    newVolunteers: number;
    activeVolunteers: number;
    verifiedHours: number;
    peopleServed: number;
    activeProjects: number;
    demandsReceived: number;
    demandsCompleted: number;
    avgRating: number | null;
    tasksTotal: number;
    tasksClosed: number;
    tasksOverdue: number;
    closureRate: number | null;
    onTimeClosureRate: number | null;
    pointsIssued: number;
    pointsRedeemed: number;
    tasksFoundInMonth: number;
    tasksClosedInMonth: number;
  };
  summary: string;
  tables: ReportTable[];
  charts: { hoursTrend: ChartPoint[]; closureByChild: ChartPoint[] };
  ranking: { rule: string; red: { rank: number; name: string; closureRate: number | null }[]; black: { rank: number; name: string; closureRate: number | null }[] };
  problems: { id: number; title: string; place: string; days: number; photoId: number | null }[];
}

/** Labels of the headline figures, in report order (used by the preview's live-vs-published table). */
export const KEY_LABELS: Record<keyof MonthlyReport["key"], { label: string; kind: Column["kind"] }> = {
  registeredVolunteers: { label: "注册志愿者（人）", kind: "int" },
  registrationShare: { label: "注册率", kind: "percent" },
  targetShare: { label: "目标注册率", kind: "percent" },
  newVolunteers: { label: "本月新增志愿者（人）", kind: "int" },
  activeVolunteers: { label: "活跃志愿者（人）", kind: "int" },
  verifiedHours: { label: "认定服务时长（小时）", kind: "hours" },
  peopleServed: { label: "服务人次", kind: "int" },
  activeProjects: { label: "实施中项目（个）", kind: "int" },
  demandsReceived: { label: "受理点单（件）", kind: "int" },
  demandsCompleted: { label: "完成点单（件）", kind: "int" },
  avgRating: { label: "满意度（分）", kind: "rating" },
  tasksTotal: { label: "发现问题（个，累计）", kind: "int" },
  tasksClosed: { label: "已整改（个，累计）", kind: "int" },
  tasksOverdue: { label: "超期未整改（个）", kind: "int" },
  closureRate: { label: "整改率", kind: "percent" },
  onTimeClosureRate: { label: "按期整改率", kind: "percent" },
  pointsIssued: { label: "发放积分（分）", kind: "int" },
  pointsRedeemed: { label: "兑换积分（分）", kind: "int" },
  tasksFoundInMonth: { label: "本月新发现问题（个）", kind: "int" },
  tasksClosedInMonth: { label: "本月整改问题（个）", kind: "int" },
};
