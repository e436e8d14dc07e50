"use server";
/**
 * The volunteer's own actions. Sign-in (code request, phone + code) is public on purpose
 * (`publicAction`, a slot per client address, listed in tests/unit/security-actions.test.ts); every
 * other action starts with `requireVolunteer()` — the volunteer session, never a portal sign-in.
 */
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionState, actionError, actionOk, formToObject, publicAction } from "@/lib/auth/action";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";
import { CodeField, CodeRequest, PhoneField, requestSignInCode, SignIn, signIn } from "./auth";
import { meCodeAddressLimiter, meSessionLimiter } from "./limits";
import { cancelMyEnrolment, confirmPhoneChange, requestPhoneChange, setMyIntentions } from "./service";
import { ME_COOKIE, endVolunteerSession, meCookie, requireVolunteer } from "@/lib/auth/volunteer-session";

export const meRequestCodeAction = publicAction({ limiter: meCodeAddressLimiter }, CodeRequest, async ({ db }, f) => {
  const r = await requestSignInCode(db, f);
  if (!r.ok) return actionError(r.message, r.fields);
  return actionOk("如该手机号已注册为志愿者，验证码已发送，5 分钟内有效");
});

export const meSignInAction = publicAction({ limiter: meSessionLimiter }, SignIn, async ({ db, ip }, f) => {
  const r = await signIn(db, { ...f, ip });
  if (!r.ok) return actionError(r.message, r.fields);
  (await cookies()).set(meCookie(r.token));
  redirect("/me");
});

export async function meSignOutAction(): Promise<void> {
  const { db } = await requireVolunteer();
  const jar = await cookies();
  await endVolunteerSession(db, jar.get(ME_COOKIE)?.value);
  jar.set(meCookie("", 0));
  redirect("/me/login");
}

function parse<S extends z.ZodTypeAny>(schema: S, fd: FormData): { ok: true; data: z.infer<S> } | { ok: false; state: ActionState } {
  const r = schema.safeParse(formToObject(fd));
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, state: actionError(issue.message, r.error.issues.map((i) => i.path.join("."))) };
}

export async function meCancelEnrolmentAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const { me, db } = await requireVolunteer();
  const p = parse(z.object({ activityId: z.coerce.number().int().positive("活动不存在") }), fd);
  if (!p.ok) return p.state;
  const r = await cancelMyEnrolment(db, me, p.data);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/me");
  return actionOk("已取消报名");
}

export async function meIntentionsAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const { me, db } = await requireVolunteer();
  const p = parse(z.object({ sectors: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(SECTOR_KEYS, { message: "服务意向：选项无效" })).max(6)) }), fd);
  if (!p.ok) return p.state;
  const r = await setMyIntentions(db, me, p.data);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/me");
  return actionOk("服务意向已保存");
}

export async function mePhoneCodeAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const { me, db } = await requireVolunteer();
  const p = parse(z.object({ phone: PhoneField }), fd);
  if (!p.ok) return p.state;
  const r = await requestPhoneChange(db, me, p.data);
  if (!r.ok) return actionError(r.message, r.fields);
  return actionOk("验证码已发送到新手机号，5 分钟内有效");
}

export async function mePhoneConfirmAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const { me, db } = await requireVolunteer();
  const p = parse(z.object({ phone: PhoneField, code: CodeField }), fd);
  if (!p.ok) return p.state;
  const r = await confirmPhoneChange(db, me, p.data);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/me");
  return actionOk("手机号已更换");
}
