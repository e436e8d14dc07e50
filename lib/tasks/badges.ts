/**
 * The navigation's counts for 整改任务: overdue tasks in the user's scope, and — for the 文明办 who
 * review — tasks waiting for review. One aggregate over the scope (the same conditions as the list's
 * `overdue=1` and `status=submitted`, so the badge and the list it opens agree).
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rectificationTasks as T } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { today as clockToday } from "@/lib/metrics/clock";
import { isRegistrar } from "./rules";
import { taskInScope } from "./scope";

export interface TaskBadges {
  overdue: number;
  /** null: this user does not review. */
  review: number | null;
}

export async function getTaskBadges(db: Queryable, actor: Actor): Promise<TaskBadges> {
  const day = clockToday();
  const [r] = await db
    .select({
      overdue: sql<number>`count(*) FILTER (WHERE ${T.status} <> 'closed' AND ${T.deadline} < ${day}::date)::int`,
      review: sql<number>`count(*) FILTER (WHERE ${T.status} = 'submitted')::int`,
    })
    .from(T)
    .where(taskInScope(actor.scopeCode));
  return { overdue: r?.overdue ?? 0, review: isRegistrar(actor.role, actor.scopeCode) ? (r?.review ?? 0) : null };
}
