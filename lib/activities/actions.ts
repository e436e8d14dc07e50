"use server";
/**
 * Server actions of the 活动与工时 pages. Each authorizes first (requireArea + write role), validates
 * FormData with zod, calls the same service functions as the API, and answers by redirecting back
 * with ?ok=<what> or ?err=<Chinese message> (so the result survives a reload and needs no client JS).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { canWrite } from "@/lib/auth/rules";
import { type CurrentUser, requireArea } from "@/lib/auth/session";
import type { ServiceActor } from "@/lib/service/actor";
import { enterServiceHours } from "@/lib/service/entry";
import { canReview, reviewMany } from "@/lib/service/review";
import { CreateActivitySchema, firstIssue, OutcomeSchema } from "./schema";
import { checkIn, createActivity, enrolVolunteers, recordOutcome, setActivityStatus } from "./service";

const actor = (u: CurrentUser): ServiceActor => ({ id: u.id, username: u.username, role: u.role, scopeCode: u.scopeCode, organizationId: u.organizationId });
const back = (path: string, q: Record<string, string>): never => redirect(`${path}${path.includes("?") ? "&" : "?"}${new URLSearchParams(q).toString()}`);
const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return v === null || v === "" ? undefined : String(v);
};
const ids = (fd: FormData, k: string) =>
  fd
    .getAll(k)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);

async function writer() {
  const user = await requireArea("activities");
  if (!canWrite(user.role)) back("/service-hours", { err: "当前角色为只读" });
  return user;
}

export async function createActivityAction(fd: FormData) {
  const user = await writer();
  const p = CreateActivitySchema.safeParse({
    title: str(fd, "title"),
    projectId: str(fd, "projectId"),
    organizationId: str(fd, "organizationId"),
    sector: str(fd, "sector"),
    regionCode: str(fd, "regionCode"),
    address: str(fd, "address"),
    startsAt: str(fd, "startsAt") ?? "",
    endsAt: str(fd, "endsAt") ?? "",
    capacity: str(fd, "capacity"),
    requirements: str(fd, "requirements"),
  });
  if (!p.success) back("/service-hours/new", { err: firstIssue(p.error).message, field: firstIssue(p.error).field });
  const r = await createActivity(await getDb(), actor(user), p.data!);
  if (!r.ok) back("/service-hours/new", { err: r.message, field: r.field ?? "" });
  revalidatePath("/service-hours");
  back(`/service-hours/${(r as { id: number }).id}`, { ok: "created" });
}

export async function enrolAction(fd: FormData) {
  const user = await writer();
  const id = Number(fd.get("activityId"));
  const r = await enrolVolunteers(await getDb(), actor(user), id, ids(fd, "volunteerId"));
  const path = `/service-hours/${id}`;
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: "enrolled" });
}

export async function checkInAction(fd: FormData) {
  const user = await writer();
  const id = Number(fd.get("activityId"));
  const r = await checkIn(await getDb(), actor(user), id, ids(fd, "volunteerId"), fd.get("undo") === "1");
  const path = `/service-hours/${id}`;
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: "checkedIn" });
}

export async function outcomeAction(fd: FormData) {
  const user = await writer();
  const id = Number(fd.get("activityId"));
  const path = `/service-hours/${id}`;
  const p = OutcomeSchema.safeParse({ version: str(fd, "version"), peopleServed: str(fd, "peopleServed") ?? "", problemsSolved: str(fd, "problemsSolved") ?? "" });
  if (!p.success) back(path, { err: firstIssue(p.error).message });
  const r = await recordOutcome(await getDb(), actor(user), id, p.data!);
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  revalidatePath("/cockpit");
  back(path, { ok: "outcome" });
}

export async function statusAction(fd: FormData) {
  const user = await writer();
  const id = Number(fd.get("activityId"));
  const to = String(fd.get("to"));
  const path = `/service-hours/${id}`;
  if (to !== "closed" && to !== "open" && to !== "cancelled") back(path, { err: "无效的操作" });
  const r = await setActivityStatus(await getDb(), actor(user), id, to as "closed");
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: "status" });
}

/** 记工时: one form, one hours field per enrolled volunteer (name "hours-<volunteerId>"), ticked rows only. */
export async function enterHoursAction(fd: FormData) {
  const user = await writer();
  const id = Number(fd.get("activityId"));
  const path = `/service-hours/${id}`;
  const chosen = ids(fd, "volunteerId");
  if (chosen.length === 0) back(path, { err: "请勾选要登记工时的志愿者" });
  const rows = chosen.map((v) => ({ volunteerId: v, hours: String(fd.get(`hours-${v}`) ?? ""), serviceDate: str(fd, `date-${v}`) }));
  const db = await getDb();
  const r = await db.transaction((tx) => enterServiceHours(tx, actor(user), { activityId: id, rows }));
  if (!r.ok) back(path, { err: r.volunteerId ? `${r.message}（志愿者 ${r.volunteerId}）` : r.message });
  revalidatePath(path);
  back(path, { ok: "hours", n: String((r as { created: unknown[] }).created.length) });
}

/** 审核: verify or reject the ticked records (or the one whose button was pressed). */
export async function reviewAction(fd: FormData) {
  const user = await requireArea("activities");
  const path = "/service-hours/review";
  if (!canReview(user.role)) back(path, { err: "只有街道或文明办可以审核服务时长" });
  // a row's own button sends one=v-<id> / r-<id>; the bulk buttons send to=verified|rejected with the ticked ids
  const m = /^([vr])-(\d+)$/.exec(String(fd.get("one") ?? ""));
  const one = m ? Number(m[2]) : 0;
  const to = (m ? m[1] === "r" : fd.get("to") === "rejected") ? "rejected" : "verified";
  const chosen = one > 0 ? [one] : ids(fd, "recordId");
  if (chosen.length === 0) back(path, { err: "请勾选要审核的记录" });
  const reason = str(fd, one ? `reason-${one}` : "reason")?.trim();
  if (to === "rejected" && !reason) back(path, { err: "驳回必须填写原因" });
  const items = chosen.map((id) => ({ id, version: Number(fd.get(`version-${id}`)) || undefined }));
  const r = await reviewMany(await getDb(), { ...actor(user) }, items, to, reason);
  revalidatePath(path);
  revalidatePath("/cockpit");
  if (r.failed.length) back(path, { err: `${r.failed.length} 条未处理：${r.failed[0]!.message}`, ok: to, n: String(r.done.length) });
  back(path, { ok: to, n: String(r.done.length) });
}
