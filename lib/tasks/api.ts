/**
 * Helpers shared by the task route handlers: the caller as a task actor, JSON bodies, and the JSON
 * shape of a task (the same fields the pages show).
 */
import "server-only";
import { NextResponse } from "next/server";
import { apiError } from "@/lib/http";
import type { CurrentUser } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";
import type { TaskDetail, TaskRow } from "./queries";
import type { Failure, TaskActor } from "./service";

export function actorFrom(user: CurrentUser, req: Request): TaskActor {
  const ip = clientIpFrom((n) => req.headers.get(n));
  return { id: user.id, username: user.username, role: user.role, scopeCode: user.scopeCode, ip };
}

export async function jsonBody(req: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, body: await req.json() };
  } catch {
    return { ok: false, response: apiError(400, "bad_request", "请求体不是有效的 JSON") };
  }
}

/** A failure from lib/tasks as an HTTP answer: status, stable code, Chinese message, the fields. */
export function failureResponse(f: Failure): Response {
  const extra: Record<string, unknown> = {};
  if (f.fields) extra.fields = f.fields;
  if (f.currentVersion !== undefined) extra.currentVersion = f.currentVersion;
  return apiError(f.status, f.code, f.message, extra);
}

export function ok(data: unknown, status = 200): Response {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

export function taskRowJson(t: TaskRow) {
  return {
    id: t.id,
    problemKey: t.problemKey,
    type: t.type,
    pointName: t.pointName,
    address: t.address,
    description: t.description,
    street: { code: t.streetCode, name: t.streetName },
    community: { code: t.communityCode, name: t.communityName },
    responsibleUnit: t.responsibleUnit,
    status: t.status,
    version: t.version,
    deadline: t.deadline,
    overdue: t.urgency.overdue,
    daysOverdue: t.urgency.daysOverdue,
    escalated: t.urgency.escalated,
    daysLeft: t.urgency.daysLeft,
    reportedAt: t.reportedAt,
    submittedAt: t.submittedAt,
    closedAt: t.closedAt,
    updatedAt: t.updatedAt,
  };
}

export function taskDetailJson(t: TaskDetail) {
  return {
    ...taskRowJson(t),
    district: t.districtName,
    source: t.source,
    assignedAt: t.assignedAt,
    createdBy: t.createdByName,
    updatedBy: t.updatedByName,
    asOf: t.today,
    escalationDays: t.escalationDays,
    events: t.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actorName,
      actorRole: e.actorRole,
      note: e.note,
      detail: e.detail,
      at: e.createdAt,
      photoIds: e.photoIds,
    })),
    photos: t.photos.map((p) => ({ id: p.id, phase: p.phase, eventId: p.eventId, url: `/api/v1/task-photos/${p.id}` })),
  };
}
