"use server";
/**
 * Server actions of the 活动与工时 pages, each `serverAction({ area: "service-hours", write })`:
 * guard → zod → the same service functions as the API. A refusal answers in the one ActionState
 * shape (the form shows it); a success revalidates and goes back to the page with ?ok=<what>, so the
 * page says what happened and a reload does not submit again.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, serverAction } from "@/lib/auth/action";
import { enterServiceHours } from "@/lib/service-hours/entry";
import { canReview, reviewMany } from "@/lib/service-hours/review";
import { blankToUndefined, idList } from "@/lib/form-fields";
import { CreateActivitySchema, OutcomeSchema } from "./schema";
import { checkIn, createActivity, enrolVolunteers, recordOutcome, setActivityStatus } from "./service";

const AREA = { area: "service-hours", write: true } as const;
const activityId = z.coerce.number().int().positive("活动不存在");
const pathOf = (id: number) => `/service-hours/${id}`;
const back = (path: string, q: Record<string, string>): never => redirect(`${path}?${new URLSearchParams(q).toString()}`);

export const createActivityAction = serverAction(AREA, blankToUndefined(CreateActivitySchema, ["projectId", "organizationId", "address", "requirements"]), async ({ actor, db }, input) => {
  const r = await createActivity(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/service-hours");
  back(pathOf(r.id), { ok: "created" });
});

export const enrolAction = serverAction(AREA, z.object({ activityId, volunteerId: idList }), async ({ actor, db }, f) => {
  const r = await enrolVolunteers(db, actor, { activityId: f.activityId, volunteerIds: f.volunteerId });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(pathOf(f.activityId));
  back(pathOf(f.activityId), { ok: "enrolled" });
});

export const checkInAction = serverAction(AREA, z.object({ activityId, volunteerId: idList, undo: z.string().optional() }), async ({ actor, db }, f) => {
  const r = await checkIn(db, actor, { activityId: f.activityId, volunteerIds: f.volunteerId, undo: f.undo === "1" });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(pathOf(f.activityId));
  back(pathOf(f.activityId), { ok: "checkedIn" });
});

export const outcomeAction = serverAction(AREA, blankToUndefined(OutcomeSchema.extend({ activityId }), ["version"]), async ({ actor, db }, f) => {
  const r = await recordOutcome(db, actor, f);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(pathOf(f.activityId));
  revalidatePath("/cockpit");
  back(pathOf(f.activityId), { ok: "outcome" });
});

export const statusAction = serverAction(AREA, z.object({ activityId, to: z.enum(["closed", "open", "cancelled"], { message: "无效的操作" }) }), async ({ actor, db }, f) => {
  const r = await setActivityStatus(db, actor, f);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(pathOf(f.activityId));
  back(pathOf(f.activityId), { ok: "status" });
});

/** 记工时: one form, one hours field per enrolled volunteer (name "hours-<volunteerId>"), ticked rows only. */
export const enterHoursAction = serverAction(AREA, z.object({ activityId, volunteerId: idList }), async ({ actor, db }, f, fd) => {
  if (f.volunteerId.length === 0) return actionError("请勾选要登记工时的志愿者", ["volunteerId"]);
  const day = (v: number) => {
    const d = fd.get(`date-${v}`);
    return typeof d === "string" && d !== "" ? d : undefined;
  };
  const rows = f.volunteerId.map((v) => ({ volunteerId: v, hours: String(fd.get(`hours-${v}`) ?? ""), serviceDate: day(v), noCheckInReason: fd.get(`nocheckin-${v}`)?.toString() }));
  const r = await db.transaction((tx) => enterServiceHours(tx, actor, { activityId: f.activityId, rows }));
  // The message names the volunteer (name and number) and the field; the error lands above the form.
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(pathOf(f.activityId));
  back(pathOf(f.activityId), { ok: "hours", n: String(r.created.length) });
});

/**
 * 审核: verify or reject the ticked records (or the one whose button was pressed): a row's own
 * button sends one=v-<id> / r-<id>; the bulk buttons send to=verified|rejected with the ticked ids.
 */
export const reviewAction = serverAction(
  AREA,
  z.object({ one: z.string().optional(), to: z.string().optional(), recordId: idList, reason: z.string().optional() }),
  async ({ actor, db }, f, fd) => {
    const path = "/service-hours/review";
    if (!canReview(actor.role)) return actionError("只有街道或文明办可以审核服务时长");
    const m = /^([vr])-(\d+)$/.exec(f.one ?? "");
    const one = m ? Number(m[2]) : 0;
    const to = (m ? m[1] === "r" : f.to === "rejected") ? "rejected" : "verified";
    const chosen = one > 0 ? [one] : f.recordId;
    if (chosen.length === 0) return actionError("请勾选要审核的记录", ["recordId"]);
    const reason = (one ? fd.get(`reason-${one}`) : f.reason)?.toString().trim();
    if (to === "rejected" && !reason) return actionError("驳回必须填写原因", ["reason"]);
    const items = chosen.map((id) => ({ id, version: Number(fd.get(`version-${id}`)) || undefined }));
    const r = await reviewMany(db, actor, { items, to, reason });
    revalidatePath(path);
    revalidatePath("/cockpit");
    if (r.failed.length) return actionError(`已处理 ${r.done.length} 条，${r.failed.length} 条未处理：${r.failed[0]!.message}`);
    // Back to the same filters (the page's own query string, only its known keys).
    const keep = new URLSearchParams(fd.get("keep")?.toString() ?? "");
    const q: Record<string, string> = {};
    for (const k of ["activity", "org", "from", "to", "page"]) if (keep.get(k)) q[k] = keep.get(k)!;
    back(path, { ...q, ok: to, n: String(r.done.length) });
  },
);
