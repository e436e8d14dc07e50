"use server";
/**
 * The structure's forms (new/edit organization, a member's role or move) through the one
 * server-action wrapper: guard → zod → the same lib functions the API calls → answer or redirect.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { MEMBER_ROLES } from "./tree";
import { createOrganization, OrgSchema, updateMember, updateOrganization } from "./write";

const STAFF = { area: "organizations", write: true, roles: ["wmb_staff", "street_officer"] } as const;

/** The form's region picker sends "" when nothing below the actor's own region is chosen: that region itself. */
const FormSchema = OrgSchema.extend({ regionCode: z.string().max(12).optional() });

export const createOrganizationAction = serverAction(STAFF, FormSchema, async ({ actor, db }, input) => {
  const r = await createOrganization(db, actor, { ...input, regionCode: input.regionCode || actor.scopeCode });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/organizations", "layout");
  redirect(`/organizations/${r.id}?saved=1`);
});

const EditSchema = FormSchema.extend({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive("缺少版本号") });

export const updateOrganizationAction = serverAction(STAFF, EditSchema, async ({ actor, db }, input) => {
  const r = await updateOrganization(db, actor, { ...input, regionCode: input.regionCode || actor.scopeCode, parentId: input.parentId ?? null });
  if (!r.ok) return actionError(r.message, r.fields, r.currentVersion !== undefined ? { data: { currentVersion: r.currentVersion } } : {});
  revalidatePath("/organizations", "layout");
  redirect(`/organizations/${r.id}?saved=1`);
});

const MemberForm = z.object({
  organizationId: z.coerce.number().int().positive(),
  volunteerId: z.coerce.number().int().positive(),
  role: z.enum(MEMBER_ROLES, { message: "角色须为队长、副队长或队员" }),
  moveTo: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive("目标队伍编号无效").optional()),
});

export const updateMemberAction = serverAction(STAFF, MemberForm, async ({ actor, db }, input) => {
  const r = await updateMember(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/organizations", "layout");
  // a moved member is no longer on this page: show them where they went
  if (r.organizationId !== input.organizationId) redirect(`/organizations/${r.organizationId}?saved=1`);
  return actionOk("已更新成员");
});
