/**
 * The JSON shape of a task in the API (GET /api/v1/tasks, /api/v1/tasks/{id}): the same fields the
 * pages show, with the urgency spelled out.
 */
import type { TaskDetail, TaskRow } from "./queries";

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
