/**
 * Rectification tasks end to end on the seeded database: the workflow through lib/tasks/service.ts,
 * scope (another street's task is "not found"), optimistic concurrency, events + audit written with
 * each change, and the cockpit's figure moving when a task is closed. Every task made here is
 * deleted afterwards so the seeded data stays as seeded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditLog, rectificationTasks, regions, taskEvents, taskPhotos } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { type Actor, withIp } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { computeFigures } from "@/lib/metrics/compute";
import { cstDate } from "@/lib/metrics/rollup";
import { readPhoto, storePhoto } from "@/lib/tasks/photos";
import { getTask, listTasks } from "@/lib/tasks/queries";
import type { CreateTaskInput } from "@/lib/tasks/schema";
import { bulkUpdate, createTask, transitionTask } from "@/lib/tasks/service";
import { testDb, userFor } from "../support/db";

const SHUIJI = "370285001";
const WANGCHENG = "370285002";
const made: number[] = [];
let photoDir = "";
const users: Record<string, CurrentUser> = {};
let shuijiCommunity = "";
let wangchengCommunity = "";
let png: Buffer;

const actor = (u: CurrentUser): Actor => withIp(u, "127.0.0.1");
const day = (offset: number) => new Date(Date.parse(`${process.env.AS_OF ?? cstDate()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function newTask(over: Partial<CreateTaskInput> = {}, by = "laixi_wmb") {
  const input: CreateTaskInput = {
    type: "flyposting",
    pointName: `测试点位 ${made.length + 1}`,
    description: "电线杆张贴小广告",
    streetCode: SHUIJI,
    communityCode: shuijiCommunity,
    deadline: day(7),
    assignNow: true,
    photoIds: [],
    ...over,
  };
  const r = await createTask(await testDb(), actor(users[by]!), input);
  if (!r.ok) throw new Error(r.message);
  made.push(r.id);
  return r;
}

async function afterPhoto(taskId: number, who = "shuiji_street") {
  const r = await storePhoto(await testDb(), actor(users[who]!), { taskId, phase: "after", bytes: png });
  if (!r.ok) throw new Error(r.message);
  return r.id;
}

async function counts(taskId: number) {
  const db = await testDb();
  const [e] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM task_events WHERE task_id = ${taskId}`);
  const [a] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'rectification_task' AND object_id = ${String(taskId)}`);
  const [t] = await db.select({ v: rectificationTasks.version, s: rectificationTasks.status }).from(rectificationTasks).where(eq(rectificationTasks.id, taskId));
  return { events: e!.n, audits: a!.n, version: t!.v, status: t!.s };
}

async function shuijiFigures() {
  const db = await testDb();
  const campaign = await getCampaign(db);
  const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, SHUIJI));
  const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, SHUIJI));
  // Tasks closed now are stamped with the real time: count up to the later of AS_OF and today.
  const to = [process.env.AS_OF ?? "", cstDate()].sort().at(-1)!;
  const f = await computeFigures(db, { code: SHUIJI, from: campaign.start, to, campaignStart: campaign.start }, new Map(kids.map((k) => [k.code, k.population])), own!.population);
  return f.total.tasks;
}

beforeAll(async () => {
  photoDir = fs.mkdtempSync(path.join(os.tmpdir(), "task-photos-"));
  process.env.TASK_PHOTO_DIR = photoDir;
  for (const u of ["laixi_wmb", "wmb_admin", "shuiji_street", "wangcheng_street", "laixi_leader"]) users[u] = await userFor(u);
  const db = await testDb();
  const [c1] = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, SHUIJI)).orderBy(asc(regions.code)).limit(1);
  const [c2] = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, WANGCHENG)).orderBy(asc(regions.code)).limit(1);
  shuijiCommunity = c1!.code;
  wangchengCommunity = c2!.code;
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 60 } } }).png().toBuffer();
});

afterAll(async () => {
  const db = await testDb();
  if (made.length) await db.delete(rectificationTasks).where(inArray(rectificationTasks.id, made));
  await db.delete(taskPhotos).where(sql`${taskPhotos.taskId} IS NULL AND ${taskPhotos.uploadedBy} IN (${users.laixi_wmb!.id}, ${users.wmb_admin!.id})`);
  fs.rmSync(photoDir, { recursive: true, force: true });
});

describe("registering and assigning", () => {
  it("creates the task, its events and audit entries in one go; 交办 goes through the state machine", async () => {
    const r = await newTask();
    expect(r).toMatchObject({ ok: true, created: true, version: 2 });
    const t = await getTask(await testDb(), users.laixi_wmb!, { id: r.id });
    expect(t).toMatchObject({ status: "assigned", streetCode: SHUIJI, version: 2, source: "manual", createdByName: "莱西市文明办" });
    expect(t!.events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ["create", null, "reported"],
      ["transition", "reported", "assigned"],
    ]);
    expect(await counts(r.id)).toMatchObject({ events: 2, audits: 2 });
  });
  it("refuses a street office, a leader, a street outside the scope and a community of another street", async () => {
    const db = await testDb();
    const base: CreateTaskInput = { type: "parking", pointName: "x", description: "y", streetCode: SHUIJI, communityCode: shuijiCommunity, deadline: day(3), assignNow: false, photoIds: [] };
    expect(await createTask(db, actor(users.shuiji_street!), base)).toMatchObject({ ok: false, status: 403 });
    expect(await createTask(db, actor(users.laixi_leader!), base)).toMatchObject({ ok: false, status: 403 });
    expect(await createTask(db, actor(users.laixi_wmb!), { ...base, streetCode: "370202001", communityCode: "370202001001" })).toMatchObject({ ok: false, status: 403 });
    expect(await createTask(db, actor(users.laixi_wmb!), { ...base, communityCode: wangchengCommunity })).toMatchObject({ ok: false, status: 422, fields: ["communityCode"] });
    expect(await createTask(db, actor(users.laixi_wmb!), { ...base, deadline: day(-1) })).toMatchObject({ ok: false, status: 422, fields: ["deadline"] });
  });
});

describe("scope: a street sees and changes only its own street's tasks", () => {
  it("another street's task is not found — read, list, transition, photo upload and photo read", async () => {
    const { id } = await newTask();
    const photo = await afterPhoto(id);
    const db = await testDb();
    const wc = users.wangcheng_street!;
    expect(await getTask(await testDb(), wc, { id })).toBeNull();
    expect((await listTasks(await testDb(), wc, { q: `#${id}`, page: 1, pageSize: 50 })).items).toEqual([]);
    expect((await listTasks(await testDb(), wc, { street: SHUIJI })).total).toBe(0);
    expect(await transitionTask(db, actor(wc), { id, to: "in_progress", version: 2, photoIds: [] })).toMatchObject({ ok: false, status: 404 });
    expect(await storePhoto(db, actor(wc), { taskId: id, phase: "after", bytes: png })).toMatchObject({ ok: false, status: 404 });
    expect(await readPhoto(db, wc, { id: photo })).toBeNull();
    // …while the street itself, the district and the city see it.
    expect(await getTask(await testDb(), users.shuiji_street!, { id })).not.toBeNull();
    expect(await getTask(await testDb(), users.wmb_admin!, { id })).not.toBeNull();
    expect(await readPhoto(db, users.laixi_wmb!, { id: photo })).toMatchObject({ mime: "image/png" });
    expect(await counts(id)).toMatchObject({ status: "assigned", version: 2 });
  });
});

describe("the workflow: start, submit with evidence, return, resubmit, close", () => {
  it("moves through every step, each writing one event and one audit entry, and the cockpit counts the closure", async () => {
    const db = await testDb();
    const before = await shuijiFigures();
    const { id } = await newTask({ type: "sanitation", pointName: "水集测试流程点位" });
    const shuiji = actor(users.shuiji_street!);
    const laixi = actor(users.laixi_wmb!);

    let r = await transitionTask(db, shuiji, { id, to: "in_progress", version: 2, photoIds: [] });
    expect(r).toMatchObject({ ok: true, task: { status: "in_progress", version: 3 } });
    expect(await counts(id)).toMatchObject({ events: 3, audits: 3 });

    // Without evidence: refused, nothing written.
    expect(await transitionTask(db, shuiji, { id, to: "submitted", version: 3, note: "已清理", photoIds: [] })).toMatchObject({ ok: false, status: 422, fields: ["photoIds"] });
    const p1 = await afterPhoto(id);
    expect(await transitionTask(db, shuiji, { id, to: "submitted", version: 3, note: " ", photoIds: [p1] })).toMatchObject({ ok: false, status: 422, fields: ["note"] });
    expect(await counts(id)).toMatchObject({ events: 3, audits: 3, version: 3 });

    r = await transitionTask(db, shuiji, { id, to: "submitted", version: 3, note: "已清理完毕", photoIds: [p1] });
    expect(r).toMatchObject({ ok: true, task: { status: "submitted", version: 4 } });
    const [ph] = await db.select().from(taskPhotos).where(eq(taskPhotos.id, p1));
    expect(ph!.eventId).toBe(r.ok ? r.task.eventId : -1);

    // Honest closure: the street cannot close its own task.
    expect(await transitionTask(db, shuiji, { id, to: "closed", version: 4, photoIds: [] })).toMatchObject({ ok: false, status: 403 });
    // Returning needs a reason.
    expect(await transitionTask(db, laixi, { id, to: "returned", version: 4, photoIds: [] })).toMatchObject({ ok: false, status: 422, fields: ["reason"] });
    r = await transitionTask(db, laixi, { id, to: "returned", version: 4, reason: "仍有残留垃圾", photoIds: [] });
    expect(r).toMatchObject({ ok: true, task: { status: "returned", version: 5 } });

    r = await transitionTask(db, shuiji, { id, to: "in_progress", version: 5, photoIds: [] });
    expect(r).toMatchObject({ ok: true, task: { version: 6 } });
    // The first submission's photo cannot be used again.
    expect(await transitionTask(db, shuiji, { id, to: "submitted", version: 6, note: "再次清理", photoIds: [p1] })).toMatchObject({ ok: false, status: 422 });
    const p2 = await afterPhoto(id);
    r = await transitionTask(db, shuiji, { id, to: "submitted", version: 6, note: "再次清理", photoIds: [p2] });
    expect(r).toMatchObject({ ok: true, task: { version: 7 } });

    const mid = await shuijiFigures();
    expect(mid.total).toBe(before.total + 1);
    expect(mid.closed).toBe(before.closed);

    r = await transitionTask(db, laixi, { id, to: "closed", version: 7, note: "复查合格", photoIds: [] });
    expect(r).toMatchObject({ ok: true, task: { status: "closed", version: 8 } });
    const after = await shuijiFigures();
    expect(after.closed).toBe(before.closed + 1);

    const t = await getTask(await testDb(), users.shuiji_street!, { id });
    expect(t!.closedAt).not.toBeNull();
    expect(t!.urgency).toMatchObject({ overdue: false, daysLeft: null });
    expect(t!.events.map((e) => `${e.fromStatus ?? ""}>${e.toStatus}`)).toEqual([
      ">reported",
      "reported>assigned",
      "assigned>in_progress",
      "in_progress>submitted",
      "submitted>returned",
      "returned>in_progress",
      "in_progress>submitted",
      "submitted>closed",
    ]);
    expect(t!.events.find((e) => e.toStatus === "returned")).toMatchObject({ note: "仍有残留垃圾", actorName: "莱西市文明办" });
    expect(t!.events.filter((e) => e.toStatus === "submitted").map((e) => e.photoIds)).toEqual([[p1], [p2]]);
    expect(await counts(id)).toMatchObject({ events: 8, audits: 8 });
    const audits = await db.select({ action: auditLog.action, summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.objectType, "rectification_task"), eq(auditLog.objectId, String(id)))).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["task.create", ...Array(7).fill("task.transition")]);
    expect(audits.at(-1)!.summary).toMatchObject({ from: "submitted", to: "closed", version: 8 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // Closed is final.
    expect(await transitionTask(db, laixi, { id, to: "in_progress", version: 8, photoIds: [] })).toMatchObject({ ok: false, status: 422 });
  });

  it("a leader reads but may not move a task", async () => {
    const { id } = await newTask();
    expect(await getTask(await testDb(), users.laixi_leader!, { id })).not.toBeNull();
    expect(await transitionTask(await testDb(), actor(users.laixi_leader!), { id, to: "in_progress", version: 2, photoIds: [] })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("optimistic concurrency", () => {
  it("a stale version gets 409 naming who changed the task and when", async () => {
    const db = await testDb();
    const { id } = await newTask();
    await transitionTask(db, actor(users.shuiji_street!), { id, to: "in_progress", version: 2, photoIds: [] });
    const r = await transitionTask(db, actor(users.laixi_wmb!), { id, to: "assigned", version: 2, photoIds: [] });
    expect(r).toMatchObject({ ok: false, status: 409, code: "conflict", currentVersion: 3 });
    expect(!r.ok && r.message).toMatch(/^该任务已被 水集街道办事处 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改，请刷新后重试$/);
  });

  it("two transitions from the same version at once: exactly one wins, the other gets 409", async () => {
    const db = await testDb();
    const { id } = await newTask();
    const shuiji = actor(users.shuiji_street!);
    const results = await Promise.all([1, 2, 3].map(() => transitionTask(db, shuiji, { id, to: "in_progress", version: 2, photoIds: [] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.status)).toEqual([409, 409]);
    expect(await counts(id)).toMatchObject({ events: 3, audits: 3, version: 3, status: "in_progress" });
  });

  it("a reviewer closing and another returning the same submission: one wins", async () => {
    const db = await testDb();
    const { id } = await newTask();
    const shuiji = actor(users.shuiji_street!);
    await transitionTask(db, shuiji, { id, to: "in_progress", version: 2, photoIds: [] });
    await transitionTask(db, shuiji, { id, to: "submitted", version: 3, note: "ok", photoIds: [await afterPhoto(id)] });
    const [a, b] = await Promise.all([
      transitionTask(db, actor(users.laixi_wmb!), { id, to: "closed", version: 4, photoIds: [] }),
      transitionTask(db, actor(users.wmb_admin!), { id, to: "returned", version: 4, reason: "不合格", photoIds: [] }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ status: 409 });
    expect(await counts(id)).toMatchObject({ version: 5, events: 5 });
  });
});

describe("bulk reassign and extend", () => {
  it("each task changes with its own version check, event (with the reason) and audit entry", async () => {
    const db = await testDb();
    const a = await newTask();
    const b = await newTask();
    const laixi = actor(users.laixi_wmb!);
    const r = await bulkUpdate(db, laixi, { action: "extend", items: [{ id: a.id, version: 2 }, { id: b.id, version: 1 }], deadline: day(20), reason: "雨雪天气顺延" });
    expect(r).toMatchObject({ ok: true, updated: [{ id: a.id, version: 3 }], failed: [{ id: b.id, status: 409 }] });
    const ta = await getTask(await testDb(), users.laixi_wmb!, { id: a.id });
    expect(ta!.deadline).toBe(day(20));
    expect(ta!.events.at(-1)).toMatchObject({ kind: "extend", note: "雨雪天气顺延", detail: { from: day(7), to: day(20) } });

    const m = await bulkUpdate(db, laixi, { action: "reassign", items: [{ id: a.id, version: 3 }, { id: b.id, version: 2 }], streetCode: WANGCHENG, communityCode: wangchengCommunity, reason: "点位属望城街道" });
    expect(m).toMatchObject({ ok: true, failed: [] });
    // Now 望城's task, no longer 水集's.
    expect(await getTask(await testDb(), users.shuiji_street!, { id: a.id })).toBeNull();
    expect(await getTask(await testDb(), users.wangcheng_street!, { id: a.id })).toMatchObject({ streetCode: WANGCHENG, communityCode: wangchengCommunity, status: "assigned" });
    const [ev] = await db.select().from(taskEvents).where(and(eq(taskEvents.taskId, b.id), eq(taskEvents.kind, "reassign")));
    expect(ev!.note).toBe("点位属望城街道");
    expect(await counts(a.id)).toMatchObject({ events: 4, audits: 4 });
  });
  it("refuses a street office, a missing reason, a street outside the scope", async () => {
    const db = await testDb();
    const a = await newTask();
    expect(await bulkUpdate(db, actor(users.shuiji_street!), { action: "extend", items: [{ id: a.id, version: 2 }], deadline: day(30), reason: "x" })).toMatchObject({ ok: true, failed: [{ status: 403 }] });
    expect(await bulkUpdate(db, actor(users.laixi_wmb!), { action: "reassign", items: [{ id: a.id, version: 2 }], streetCode: "370202001", communityCode: "370202001001", reason: "x" })).toMatchObject({ ok: false, status: 422 });
    expect(await bulkUpdate(db, actor(users.laixi_wmb!), { action: "extend", items: [{ id: a.id, version: 2 }], deadline: day(-2), reason: "x" })).toMatchObject({ ok: false, status: 422 });
    expect(await counts(a.id)).toMatchObject({ version: 2 });
  });
});
