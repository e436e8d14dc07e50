/** Task lists, board, review queue and photos on the seeded database: scope, filters, order, paging. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { rectificationTasks, regions, taskPhotos } from "@/db/schema";
import { type Actor, withIp } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/session";
import { readPhoto, storePhoto } from "@/lib/tasks/photos";
import { getReviewQueue, getTask, getTaskBoard, listTasks, type TaskRow } from "@/lib/tasks/queries";
import { STORED_NAME } from "@/lib/tasks/photo-rules";
import { createTask } from "@/lib/tasks/service";
import { testDb, userFor } from "../support/db";

let laixi: CurrentUser;
let city: CurrentUser;
let shuiji: CurrentUser;
let wangcheng: CurrentUser;
let photoDir = "";
const made: number[] = [];
const actor = (u: CurrentUser): Actor => withIp(u, "127.0.0.1");

beforeAll(async () => {
  [laixi, city, shuiji, wangcheng] = await Promise.all(["laixi_wmb", "wmb_admin", "shuiji_street", "wangcheng_street"].map(userFor));
  photoDir = fs.mkdtempSync(path.join(os.tmpdir(), "task-photos-q-"));
  process.env.TASK_PHOTO_DIR = photoDir;
});

afterAll(async () => {
  const db = await testDb();
  if (made.length) await db.delete(rectificationTasks).where(inArray(rectificationTasks.id, made));
  await db.delete(taskPhotos).where(sql`${taskPhotos.taskId} IS NULL AND ${taskPhotos.uploadedBy} IN (${laixi.id}, ${city.id})`);
  fs.rmSync(photoDir, { recursive: true, force: true });
});

function bucket(t: TaskRow) {
  return t.status === "closed" ? 2 : t.urgency.overdue ? 0 : 1;
}

describe("the list", () => {
  it("holds only the scope's tasks, overdue first (most overdue on top), then by deadline, closed last", async () => {
    const all: TaskRow[] = [];
    let page = 1;
    for (;;) {
      const l = await listTasks(await testDb(), laixi, { page, pageSize: 100 });
      all.push(...l.items);
      if (page >= l.pageCount) break;
      page++;
    }
    const [n] = await rows<{ n: number }>(await testDb(), sql`SELECT count(*)::int AS n FROM rectification_tasks WHERE street_code LIKE '370285%'`);
    expect(all.length).toBe(n!.n);
    expect(all.every((t) => t.streetCode.startsWith("370285"))).toBe(true);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(bucket(a)).toBeLessThanOrEqual(bucket(b));
      if (bucket(a) === bucket(b) && bucket(a) < 2) expect(a.deadline <= b.deadline).toBe(true);
    }
    expect(all.some((t) => t.urgency.overdue)).toBe(true);
  });

  it("a street sees only its own street; the city sees every district", async () => {
    const s = await listTasks(await testDb(), shuiji, { pageSize: 100 });
    expect(s.total).toBeGreaterThan(0);
    expect(s.items.every((t) => t.streetCode === "370285001")).toBe(true);
    const c = await listTasks(await testDb(), city, {});
    expect(c.total).toBeGreaterThan((await listTasks(await testDb(), laixi, {})).total);
  });

  it("filters by status, type, street, overdue, 督办, deadline range and search — and pages", async () => {
    const base = await listTasks(await testDb(), city, { pageSize: 10 });
    expect(base.items).toHaveLength(10);
    expect(base.pageCount).toBe(Math.ceil(base.total / 10));
    const p2 = await listTasks(await testDb(), city, { pageSize: 10, page: 2 });
    expect(p2.items.map((t) => t.id)).not.toEqual(base.items.map((t) => t.id));
    const beyond = await listTasks(await testDb(), city, { pageSize: 10, page: 99999 });
    expect(beyond.page).toBe(beyond.pageCount);

    const closed = await listTasks(await testDb(), city, { status: "closed", pageSize: 100 });
    expect(closed.items.every((t) => t.status === "closed")).toBe(true);
    const type = await listTasks(await testDb(), city, { type: "illegal_building", pageSize: 100 });
    expect(type.items.every((t) => t.type === "illegal_building")).toBe(true);
    const street = await listTasks(await testDb(), laixi, { street: "370285002", pageSize: 100 });
    expect(street.items.every((t) => t.streetCode === "370285002")).toBe(true);
    // A street outside the scope in the filter finds nothing.
    expect((await listTasks(await testDb(), laixi, { street: "370202001" })).total).toBe(0);

    const over = await listTasks(await testDb(), city, { overdue: "1", pageSize: 100 });
    expect(over.total).toBeGreaterThan(0);
    expect(over.items.every((t) => t.urgency.overdue)).toBe(true);
    const esc = await listTasks(await testDb(), city, { overdue: "escalated", pageSize: 100 });
    expect(esc.items.every((t) => t.urgency.escalated)).toBe(true);
    expect(esc.total).toBeLessThanOrEqual(over.total);
    const notOver = await listTasks(await testDb(), city, { overdue: "0" });
    expect(notOver.total + over.total).toBe(base.total);

    const range = await listTasks(await testDb(), city, { dueFrom: "2026-11-01", dueTo: "2026-11-15", pageSize: 100 });
    expect(range.items.every((t) => t.deadline >= "2026-11-01" && t.deadline <= "2026-11-15")).toBe(true);

    const one = base.items[0]!;
    const word = one.pointName.slice(0, 4);
    const found = await listTasks(await testDb(), city, { q: word, pageSize: 100 });
    expect(found.items.some((t) => t.id === one.id)).toBe(true);
    expect((await listTasks(await testDb(), city, { q: `#${one.id}` })).items.map((t) => t.id)).toContain(one.id);
    expect((await listTasks(await testDb(), city, { q: "%_%" })).total).toBe(0);
  });

  it("the board's columns add up to the list, by status", async () => {
    const b = await getTaskBoard(await testDb(), laixi, { filters: {} });
    const total = (await listTasks(await testDb(), laixi, {})).total;
    expect(b.columns.map((c) => c.status)).toEqual(["reported", "assigned", "in_progress", "submitted", "returned", "closed"]);
    expect(b.columns.reduce((s, c) => s + c.count, 0)).toBe(total);
    for (const c of b.columns) {
      expect(c.items.every((t) => t.status === c.status)).toBe(true);
      expect(c.count).toBe((await listTasks(await testDb(), laixi, { status: c.status })).total);
    }
  });

  it("the review queue holds the scope's submitted tasks", async () => {
    const q = await getReviewQueue(await testDb(), city, {});
    expect(q.items.every((t) => t.status === "submitted")).toBe(true);
    expect(q.total).toBe((await listTasks(await testDb(), city, { status: "submitted" })).total);
  });
});

describe("photos", () => {
  it("stores a re-encoded copy outside public/ under a server-generated name; serves it only in scope", async () => {
    const db = await testDb();
    const [c] = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, "370285001")).limit(1);
    const jpeg = await sharp({ create: { width: 30, height: 30, channels: 3, background: "#336699" } }).jpeg().withExif({ IFD0: { Make: "SecretCam" } }).toBuffer();
    // A before-photo for a problem being registered: owned by its uploader until attached.
    const up = await storePhoto(db, actor(laixi), { taskId: null, phase: "before", bytes: jpeg });
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    const [row] = await db.select().from(taskPhotos).where(eq(taskPhotos.id, up.id));
    expect(row).toMatchObject({ taskId: null, phase: "before", mime: "image/jpeg" });
    expect(STORED_NAME.test(row!.storedName)).toBe(true);
    const onDisk = fs.readFileSync(path.join(photoDir, row!.storedName));
    expect(onDisk.includes(Buffer.from("SecretCam"))).toBe(false);
    expect(await readPhoto(db, laixi, { id: up.id })).toMatchObject({ mime: "image/jpeg" });
    expect(await readPhoto(db, city, { id: up.id })).toBeNull(); // not attached yet: only the uploader

    const t = await createTask(db, actor(laixi), { type: "sanitation", pointName: "照片测试点位", description: "垃圾", streetCode: "370285001", communityCode: c!.code, deadline: "2099-01-01", assignNow: false, photoIds: [up.id] });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    made.push(t.id);
    const detail = await getTask(await testDb(), shuiji, { id: t.id });
    expect(detail!.photos).toEqual([expect.objectContaining({ id: up.id, phase: "before" })]);
    expect(await readPhoto(db, shuiji, { id: up.id })).toMatchObject({ filename: `task-${t.id}-before-${up.id}.jpg` });
    expect(await readPhoto(db, wangcheng, { id: up.id })).toBeNull();
    // The same photo cannot be attached twice.
    expect(await createTask(db, actor(laixi), { type: "sanitation", pointName: "另一个", description: "x", streetCode: "370285001", communityCode: c!.code, deadline: "2099-01-01", assignNow: false, photoIds: [up.id] })).toMatchObject({ ok: false, status: 422 });
  });

  it("a bad file gets a clear message and nothing is saved (no row, no file)", async () => {
    const db = await testDb();
    const count = async () => (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM task_photos`))[0]!.n;
    const files = () => fs.readdirSync(photoDir, { recursive: true }).filter((f) => String(f).includes(".")).length;
    const [n0, f0] = [await count(), files()];
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await storePhoto(db, actor(laixi), { taskId: null, phase: "before", bytes: svg })).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("JPEG、PNG 或 WebP") });
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(await storePhoto(db, actor(laixi), { taskId: null, phase: "before", bytes: png.subarray(0, 30) })).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("损坏") });
    const huge = new Uint8Array(10 * 1024 * 1024 + 10);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await storePhoto(db, actor(laixi), { taskId: null, phase: "before", bytes: huge })).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("10 MB") });
    expect(await storePhoto(db, actor(laixi), { taskId: null, phase: "before", bytes: new Uint8Array() })).toMatchObject({ ok: false, status: 400 });
    expect(await storePhoto(db, actor(shuiji), { taskId: null, phase: "before", bytes: png })).toMatchObject({ ok: false, status: 403 });
    expect([await count(), files()]).toEqual([n0, f0]);
  });
});
