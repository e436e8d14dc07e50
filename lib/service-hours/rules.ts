/**
 * Pure rules for service hours (no database): the bounds an entered hour value must respect, the
 * default (the activity's duration). Shared by the hour-entry screen, the batch API and the dispatch
 * session (the demand-category → sector map lives in lib/dispatch/categories.ts).
 */

/** Hours of an activity's span (end − start), rounded to two decimals. */
export function spanHours(startsAt: Date, endsAt: Date): number {
  return Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 100) / 100;
}

/** One service record never exceeds a day (database CHECK hours <= 24). */
export const MAX_RECORD_HOURS = 24;

/** The default hours for an activity's volunteer: its duration, capped at a day. */
export function defaultHours(startsAt: Date, endsAt: Date): number {
  return Math.min(spanHours(startsAt, endsAt), MAX_RECORD_HOURS);
}

export type HoursCheck = { ok: true; hours: number } | { ok: false; message: string };

/**
 * An entered value: a number > 0 with at most two decimals, never more than the activity's span
 * (when there is one) nor a day.
 */
export function checkHours(raw: unknown, maxHours: number | null): HoursCheck {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return { ok: false, message: "服务时长必须是数字" };
  if (n <= 0) return { ok: false, message: "服务时长必须大于 0" };
  if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return { ok: false, message: "服务时长最多保留两位小数" };
  const limit = Math.min(maxHours ?? MAX_RECORD_HOURS, MAX_RECORD_HOURS);
  if (n > limit + 1e-9) return { ok: false, message: maxHours !== null && maxHours <= MAX_RECORD_HOURS ? `服务时长不能超过活动时长 ${limit} 小时` : `服务时长不能超过 ${limit} 小时` };
  return { ok: true, hours: Math.round(n * 100) / 100 };
}

/** Hours are entered only once the activity is over (its end time has passed). */
export function activityEnded(endsAt: Date, now: Date): { ok: true } | { ok: false; message: string } {
  if (endsAt.getTime() <= now.getTime()) return { ok: true };
  const at = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }).format(endsAt);
  return { ok: false, message: `活动尚未结束（结束时间 ${at}），结束后才能登记服务时长` };
}

/** "Now" for a page that applies a time rule (kept out of the component body, which must stay pure). */
export async function requestTime(): Promise<Date> {
  return new Date();
}

/** The longest reason kept for a volunteer entered without check-in. */
export const MAX_NO_CHECKIN_REASON = 200;

/** A volunteer who never checked in gets hours only with a stated reason (kept and shown to the reviewer). */
export function checkNoCheckInReason(reason: string | null | undefined): { ok: true } | { ok: false; message: string } {
  const r = reason?.trim() ?? "";
  if (!r) return { ok: false, message: "未签到，请先签到，或填写“未签到原因”后再登记" };
  if (r.length > MAX_NO_CHECKIN_REASON) return { ok: false, message: `未签到原因最多 ${MAX_NO_CHECKIN_REASON} 个字` };
  return { ok: true };
}

/** Points for verified hours: default 1 h = 10 points, rounded to whole points. */
export function pointsForHours(hours: number, perHour: number): number {
  return Math.round(hours * perHour);
}

