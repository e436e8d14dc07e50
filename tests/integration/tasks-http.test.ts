/**
 * The task route handlers as a client calls them (the real handler, the real gate, an API token of
 * a district 文明办 — a session needs a browser, e2e/tasks.spec.ts covers that path): the photo upload
 * is refused while it streams once past its cap, with or without a Content-Length, and a control
 * character in a search is a 400 naming the field, never a 500.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, taskPhotos } from "@/db/schema";
import { newApiToken } from "@/lib/security/tokens";
import { MAX_UPLOAD_BYTES } from "@/lib/tasks/photo-rules";
import { POST as uploadPhoto } from "@/app/api/v1/task-photos/route";
import { GET as listTasksRoute } from "@/app/api/v1/tasks/route";
import { testDb, userFor } from "../support/db";

const BASE = "http://localhost:3000";
let token = "";
let tokenId = 0;
let photoDir = "";

beforeAll(async () => {
  photoDir = fs.mkdtempSync(path.join(os.tmpdir(), "task-photos-http-"));
  process.env.TASK_PHOTO_DIR = photoDir;
  const db = await testDb();
  const secadmin = await userFor("secadmin");
  const t = newApiToken();
  token = t.token;
  const [row] = await db
    .insert(apiTokens)
    .values({ name: "tasks-http-test", prefix: t.prefix, tokenHash: t.hash, scopeCode: "370285", permissions: ["tasks:read", "tasks:write"], createdBy: secadmin.id })
    .returning({ id: apiTokens.id });
  tokenId = row!.id;
});

afterAll(async () => {
  const db = await testDb();
  await db.delete(taskPhotos).where(eq(taskPhotos.uploadedBy, (await userFor("secadmin")).id));
  await db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
  fs.rmSync(photoDir, { recursive: true, force: true });
});

const noParams = { params: Promise.resolve({}) };
const auth = () => ({ Authorization: `Bearer ${token}` });

/** Bytes the server pulled from the last streamed body. */
let pulled = 0;

/** A multipart body as a stream of chunks: no Content-Length, so only counting while reading can stop it. */
function chunked(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  pulled = 0;
  return new ReadableStream({
    pull(c) {
      if (i < parts.length) {
        pulled += parts[i]!.byteLength;
        c.enqueue(parts[i++]!);
      } else c.close();
    },
  });
}

function multipart(boundary: string, fileBytes: Uint8Array): Uint8Array[] {
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="phase"\r\n\r\nbefore\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const out: Uint8Array[] = [head];
  for (let at = 0; at < fileBytes.length; at += 1024 * 1024) out.push(fileBytes.subarray(at, at + 1024 * 1024));
  out.push(tail);
  return out;
}

function upload(parts: Uint8Array[], headers: Record<string, string> = {}) {
  const boundary = "----tasks-http-test";
  const req = new Request(`${BASE}/api/v1/task-photos`, {
    method: "POST",
    headers: { ...auth(), "Content-Type": `multipart/form-data; boundary=${boundary}`, ...headers },
    body: chunked(parts),
    duplex: "half",
  } as RequestInit);
  return uploadPhoto(req, noParams);
}

describe("POST /api/v1/task-photos reads its body with the cap enforced while streaming", () => {
  it("a chunked 40 MB upload without Content-Length → 413 once past the cap, nothing stored", async () => {
    const db = await testDb();
    const before = await db.$count(taskPhotos);
    const big = new Uint8Array(40 * 1024 * 1024).fill(0xff);
    const res = await upload(multipart("----tasks-http-test", big));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "too_large" });
    // refused once past the cap: the rest of the 40 MB was never read
    expect(pulled).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(pulled).toBeLessThan(MAX_UPLOAD_BYTES + 4 * 1024 * 1024);
    expect(await db.$count(taskPhotos)).toBe(before);
  });

  it("a Content-Length over the cap is refused before reading", async () => {
    const res = await upload(multipart("----tasks-http-test", new Uint8Array(10)), { "Content-Length": String(MAX_UPLOAD_BYTES + 1) });
    expect(res.status).toBe(413);
  });

  it("a real photo of normal size streamed the same way is stored (201)", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } }).jpeg().toBuffer();
    const res = await upload(multipart("----tasks-http-test", new Uint8Array(jpeg)));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: expect.any(Number), url: expect.stringMatching(/^\/api\/v1\/task-photos\/\d+$/) });
  });
});

describe("GET /api/v1/tasks with a control character", () => {
  it("?q=a%00b → 400 naming the field q, not 500", async () => {
    const res = await listTasksRoute(new Request(`${BASE}/api/v1/tasks?q=a%00b`, { headers: auth() }), noParams);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: "bad_request", fields: ["q"] });
    expect(body.message).toContain("q");
  });

  it("the same search without it answers 200 with the scope's tasks", async () => {
    const res = await listTasksRoute(new Request(`${BASE}/api/v1/tasks?q=ab`, { headers: auth() }), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ page: 1, items: expect.any(Array) });
  });
});
