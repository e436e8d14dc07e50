"use server";
/** The event forms (record an event, add activities to it) through the one server-action wrapper. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { changeEventActivities, createEvent, EventSchema } from "./service";

const WRITE = { area: "organizations", write: true } as const;

/** A repeated checkbox arrives as a string or an array. */
const ids = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive("活动编号无效")));

export const createEventAction = serverAction(WRITE, EventSchema.extend({ activityIds: ids.optional(), regionCode: z.string().max(12).optional() }), async ({ actor, db }, input) => {
  const r = await createEvent(db, actor, { ...input, regionCode: input.regionCode || actor.scopeCode });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/events", "layout");
  redirect(`/events/${r.id}?saved=1`);
});

export const addEventActivitiesAction = serverAction(WRITE, z.object({ id: z.coerce.number().int().positive(), add: ids }), async ({ actor, db }, input) => {
  const r = await changeEventActivities(db, actor, { id: input.id, add: input.add });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(`/events/${input.id}`);
  return actionOk(`已归入 ${r.added} 项活动`);
});
