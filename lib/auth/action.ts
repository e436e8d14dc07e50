import "server-only";
import { headers } from "next/headers";
import { type Db, getDb, noteWrite } from "@/db/client";
import type { z } from "zod";
import { controlCharMessage, DomainError, hasControlChars } from "@/lib/http";
import { type RateLimiter, rateLimitMessage } from "@/lib/rate-limit";
import { clientIpFrom } from "@/lib/security/ip";
import { type Area, canWrite, type Role } from "./rules";
import { type CurrentUser, getCurrentUser, requireArea } from "./session";

/**
 * The one answer shape of every server action (forms read it through `useActionState`):
 * `ok` with an optional message and data, or `error` with a Chinese message and the fields it is
 * about. `at` changes on every answer so a form can reset after a success.
 */
export interface ActionState<D = unknown> {
  status: "idle" | "ok" | "error";
  message?: string;
  fields?: string[];
  /** Bulk actions: the items that were not changed, and why. */
  failed?: { id: number; message: string }[];
  data?: D;
  at?: number;
}

export const IDLE: ActionState = { status: "idle" };

export const actionError = (message: string, fields?: string[], more: Partial<ActionState> = {}): ActionState => ({ status: "error", message, fields, at: Date.now(), ...more });
export const actionOk = <D,>(message = "ok", data?: D, more: Partial<ActionState<D>> = {}): ActionState<D> => ({ status: "ok", message, data, at: Date.now(), ...more });

/**
 * FormData as a plain object for zod: a field sent once is a string (or File), a field sent several
 * times (checkbox lists, `photoIds`) an array. Use `z.coerce` for numbers and a list helper for
 * fields that may come once or many times.
 */
export function formToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own action bookkeeping
    const all = fd.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

function controlCharIn(fd: FormData): string | null {
  for (const [k, v] of fd.entries()) if (typeof v === "string" && hasControlChars(v)) return k;
  return null;
}

type ActionFn<S extends z.ZodTypeAny, C> = (ctx: C, input: z.infer<S>, fd: FormData) => Promise<ActionState | void>;

/** React calls a form action as `(formData)`, or `(previousState, formData)` under useActionState. */
function formDataOf(args: unknown[]): FormData {
  const fd = args.find((a): a is FormData => a instanceof FormData);
  return fd ?? new FormData();
}

async function run<S extends z.ZodTypeAny, C>(schema: S, fd: FormData, ctx: C, fn: ActionFn<S, C>): Promise<ActionState> {
  const bad = controlCharIn(fd);
  if (bad) return actionError(controlCharMessage(bad), [bad]);
  const parsed = schema.safeParse(formToObject(fd));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return actionError(issue.message, parsed.error.issues.map((i) => i.path.join(".")));
  }
  try {
    return (await fn(ctx, parsed.data, fd)) ?? actionOk();
  } catch (e) {
    // redirect()/notFound() throw on purpose and must pass through; only domain refusals answer here.
    if (e instanceof DomainError) return actionError(e.message, e.more.fields, e.more.currentVersion !== undefined ? { data: { currentVersion: e.more.currentVersion } } : {});
    throw e;
  }
}

/**
 * The one wrapper for server actions — guard → zod parse → call → one answer shape:
 * 1. `requireArea(area)`: no session → the login page; a role that may not open the area → 404
 *    (`ownAccount` instead: any signed-in user, answering an error when the session is gone);
 * 2. `write`: read-only roles get an error answer; `roles`: only these roles may call it;
 * 3. the FormData through `schema` (control characters refused, the first issue's message and
 *    every failing field answered);
 * 4. `fn({ actor, db }, input, formData)` — it puts `actor`'s scope in its query; a thrown
 *    `DomainError` becomes the error answer; `redirect()` passes through.
 */
export function serverAction<S extends z.ZodTypeAny>(
  opts: { area: Area; write?: boolean; roles?: readonly Role[] } | { ownAccount: true; roles?: readonly Role[] },
  schema: S,
  fn: ActionFn<S, { actor: CurrentUser; db: Db }>,
): (...args: unknown[]) => Promise<ActionState> {
  return async (...args: unknown[]) => {
    // `ownAccount`: the signed-in user acting on their own account (password, second factor) — also
    // while they still owe a password change or TOTP enrolment, which is what those pages are for.
    const user = "ownAccount" in opts ? await getCurrentUser() : await requireArea(opts.area);
    if (!user) return actionError("登录已过期，请重新登录");
    if ("write" in opts && opts.write && !canWrite(user.role)) return actionError("当前角色为只读");
    if (opts.roles && !opts.roles.includes(user.role)) return actionError("当前角色无权执行此操作");
    const h = await headers();
    const actor: CurrentUser = { ...user, ip: clientIpFrom((n) => h.get(n)) };
    try {
      return await run(schema, formDataOf(args), { actor, db: await getDb() }, fn);
    } finally {
      await noteWrite(actor.id); // read-your-writes on a cluster (db/client.ts getReadDb)
    }
  };
}

/**
 * Deliberately public actions (找活动 sign-up, phone codes): no login, a slot from the limiter per
 * client address first (an error answer naming when to retry), then the same parse → call → answer.
 */
export function publicAction<S extends z.ZodTypeAny>(
  opts: { limiter: () => RateLimiter; limitMessage?: (retryAfter: number) => string },
  schema: S,
  fn: ActionFn<S, { ip: string; db: Db }>,
): (...args: unknown[]) => Promise<ActionState> {
  return async (...args: unknown[]) => {
    const ip = await requireClientSlot(opts);
    if (typeof ip !== "string") return ip;
    return run(schema, formDataOf(args), { ip, db: await getDb() }, fn);
  };
}

/** The public actions' guard: the caller's address takes a slot from the limiter, or an error answer. */
export async function requireClientSlot(opts: { limiter: () => RateLimiter; limitMessage?: (retryAfter: number) => string }): Promise<string | ActionState> {
  const h = await headers();
  const ip = clientIpFrom((n) => h.get(n)) ?? "unknown";
  const gate = await opts.limiter().consume(ip);
  if (!gate.ok) return actionError((opts.limitMessage ?? rateLimitMessage)(gate.retryAfter));
  return ip;
}
