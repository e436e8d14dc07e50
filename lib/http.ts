/**
 * The one HTTP kit for route handlers: JSON answers, a size- and type-checked body reader, id and
 * query parsing, zod issues → 422 naming the field, and one domain failure type with one mapping to
 * status codes. Route handlers are thin: guard (lib/auth/api.ts) → parse here → call lib → answer here.
 */
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Db, Tx } from "@/db/client";

const NO_STORE = { "Cache-Control": "no-store" };

/** A JSON answer (never cached: every answer depends on who asks). */
export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return NextResponse.json(data, { status, headers: { ...NO_STORE, ...headers } });
}

/** A JSON error body with a stable code and a Chinese message. */
export function apiError(status: number, code: string, message: string, extra?: Record<string, unknown>): Response {
  return NextResponse.json({ error: code, message, ...extra }, { status, headers: NO_STORE });
}

// ---------------------------------------------------------------------------------------------
// Domain failures

/** Stable failure codes and the HTTP status each answers with. */
const STATUS: Record<string, number> = {
  bad_request: 400,
  unauthenticated: 401,
  invalid_code: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  duplicate: 409,
  full: 409,
  insufficient_points: 409,
  out_of_stock: 409,
  over_cap: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  illegal_move: 422,
  not_available: 422,
  rate_limited: 429,
};

export function statusOf(code: string, fallback = 400): number {
  return STATUS[code] ?? fallback;
}

/**
 * What a lib function answers when it refuses: a stable code, a Chinese message, the fields it is
 * about, and anything else the caller should see (e.g. `currentVersion` on a conflict). `status`
 * overrides the code's usual status.
 */
export interface Failure {
  ok: false;
  code: string;
  message: string;
  fields?: string[];
  status?: number;
  currentVersion?: number;
  extra?: Record<string, unknown>;
}

export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export function fail(code: string, message: string, more: Omit<Failure, "ok" | "code" | "message"> = {}): Failure {
  return { ok: false, code, message, ...more };
}

/** A failure thrown through layers that return values (wrappers turn it into the one answer shape). */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly more: Omit<Failure, "ok" | "code" | "message"> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
  get failure(): Failure {
    return fail(this.code, this.message, this.more);
  }
}

/**
 * Runs `fn` in one transaction of `db`: its result as `{ ok: true, ...result }`, or — when it throws
 * a DomainError — everything it wrote rolled back and the error's Failure returned.
 */
export async function inTx<T extends object>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await db.transaction(fn)) } as Result<T>;
  } catch (e) {
    if (e instanceof DomainError) return e.failure;
    throw e;
  }
}

/** A failure as an HTTP answer: its status, code, message and fields. */
export function failureResponse(f: Pick<Failure, "code" | "message"> & Partial<Failure>): Response {
  const extra: Record<string, unknown> = { ...f.extra };
  if (f.fields?.length) extra.fields = f.fields;
  if (f.currentVersion !== undefined) extra.currentVersion = f.currentVersion;
  return apiError(f.status ?? statusOf(f.code), f.code, f.message, extra);
}

// ---------------------------------------------------------------------------------------------
// Input

/** C0 control characters other than tab, line feed and carriage return (NUL among them). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlChars(s: string): boolean {
  return CONTROL.test(s);
}

/** The first string inside `v` (at any depth) that holds a control character, as a field path. */
export function controlCharField(v: unknown, path = ""): string | null {
  if (typeof v === "string") return hasControlChars(v) ? path || "body" : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const f = controlCharField(v[i], path ? `${path}.${i}` : String(i));
      if (f) return f;
    }
    return null;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (hasControlChars(k)) return path || "body";
      const f = controlCharField(x, path ? `${path}.${k}` : k);
      if (f) return f;
    }
  }
  return null;
}

export const controlCharMessage = (field: string) => `${field}: 含有不可见的控制字符，请删除后重试`;

/** zod issues as a 422 that names the field (the first issue in the message, all in `issues`). */
export function invalid(error: z.ZodError): Response {
  const issue = error.issues[0]!;
  const field = issue.path.join(".");
  return apiError(422, "invalid", field ? `${field}: ${issue.message}` : issue.message, {
    fields: error.issues.map((i) => i.path.join(".")),
    issues: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** A positive database id from a path segment, or null (→ the caller's 404). */
export function parseId(raw: string | undefined | null): number | null {
  return raw && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/** URL search parameters through a zod schema; a failure (or a control character) is a 400 naming the field. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, url: string): Parsed<z.infer<T>> {
  const params = Object.fromEntries(new URL(url).searchParams);
  for (const [k, v] of Object.entries(params)) {
    if (hasControlChars(v) || hasControlChars(k)) return { ok: false, response: apiError(400, "bad_request", controlCharMessage(k), { fields: [k] }) };
  }
  const r = schema.safeParse(params);
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0]!;
  return {
    ok: false,
    response: apiError(400, "bad_request", `${issue.path.join(".") || "参数"}: ${issue.message}`, {
      fields: r.error.issues.map((i) => i.path.join(".")),
      issues: r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    }),
  };
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/**
 * Reads the request body as bytes, refusing it as soon as it passes `maxBytes` — whatever the
 * Content-Length says (a chunked upload has none), so an oversized body is never held in memory.
 */
export async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);
export const tooLarge = (limit: number) => apiError(413, "too_large", `提交的内容过大（上限 ${sizeText(limit)}）`);

/** Default cap of a JSON body: forms and API calls are small. */
export const JSON_LIMIT = 64 * 1024;

function contentTypeOf(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * A JSON object body: JSON content type (415), at most `maxBytes` while streaming (413), valid JSON
 * (400), an object (400) without control characters in any string (422 naming the field).
 */
export async function readJson(req: Request, opts: { maxBytes?: number } = {}): Promise<Parsed<Record<string, unknown>>> {
  const ct = contentTypeOf(req);
  if (ct && ct !== "application/json" && !ct.endsWith("+json")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）") };
  }
  const limit = opts.maxBytes ?? JSON_LIMIT;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: false }).decode(await readBytes(req, limit));
  } catch (e) {
    if (e instanceof BodyTooLarge) return { ok: false, response: tooLarge(limit) };
    return { ok: false, response: apiError(400, "bad_request", "请求体读取失败") };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, "bad_request", "请求体不是有效的 JSON") };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, response: apiError(400, "bad_request", "请求格式错误：需要 JSON 对象") };
  }
  const bad = controlCharField(body);
  if (bad) return { ok: false, response: apiError(422, "invalid", controlCharMessage(bad), { fields: [bad] }) };
  return { ok: true, data: body as Record<string, unknown> };
}

/** A JSON body through a zod schema: the reader's checks, then 422 naming the field. */
export async function parseJson<T extends z.ZodTypeAny>(req: Request, schema: T, opts: { maxBytes?: number } = {}): Promise<Parsed<z.infer<T>>> {
  const b = await readJson(req, opts);
  if (!b.ok) return b;
  const r = schema.safeParse(b.data);
  return r.success ? { ok: true, data: r.data } : { ok: false, response: invalid(r.error) };
}

/** A multipart upload of at most `maxBytes` (counted while streaming), as FormData. */
export async function readForm(req: Request, maxBytes: number): Promise<Parsed<FormData>> {
  const ct = req.headers.get("content-type") ?? "";
  if (!ct.toLowerCase().startsWith("multipart/form-data")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "请以 multipart/form-data 上传文件") };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(req, maxBytes);
  } catch (e) {
    if (e instanceof BodyTooLarge) return { ok: false, response: tooLarge(maxBytes) };
    return { ok: false, response: apiError(400, "bad_request", "上传内容读取失败") };
  }
  try {
    const form = await new Response(bytes as BodyInit, { headers: { "content-type": ct } }).formData();
    for (const [k, v] of form.entries()) {
      if (typeof v === "string" && hasControlChars(v)) return { ok: false, response: apiError(422, "invalid", controlCharMessage(k), { fields: [k] }) };
    }
    return { ok: true, data: form };
  } catch {
    return { ok: false, response: apiError(400, "bad_request", "上传内容不是有效的表单") };
  }
}
