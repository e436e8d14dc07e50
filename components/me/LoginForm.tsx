"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Notice } from "@/components/ui/Notice";

type Labels = { phone: string; getCode: string; code: string; submit: string };

/**
 * Phone-first sign-in: the phone stays in the field (controlled) while the code is requested, then
 * phone + code sign in. Both answers show above the fields; a success of the second navigates to /me.
 */
export function LoginForm({ requestCode, signIn, labels }: { requestCode: (s: ActionState, fd: FormData) => Promise<ActionState>; signIn: (s: ActionState, fd: FormData) => Promise<ActionState>; labels: Labels }) {
  const [phone, setPhone] = useState("");
  const [sent, codeAction, sending] = useActionState(requestCode, { status: "idle" });
  const [signed, signInAction, signing] = useActionState(signIn, { status: "idle" });
  const input = "mt-1 block w-full rounded-md border-gray-300 text-base";
  const last = (sent.at ?? 0) > (signed.at ?? 0) ? sent : signed;
  return (
    <div className="space-y-3">
      {last.status !== "idle" && last.message && (
        <Notice tone={last.status === "ok" ? "ok" : "error"}>
          <span data-testid="me-login-notice">{last.message}</span>
        </Notice>
      )}
      <form action={codeAction} className="space-y-2">
        <label className="block text-sm">
          <span className="text-gray-700">{labels.phone}</span>
          <input name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} required inputMode="numeric" autoComplete="tel" maxLength={13} className={input} data-testid="me-phone" />
        </label>
        <button disabled={sending} className="w-full rounded-md bg-white py-2 text-red-800 ring-1 ring-red-200 disabled:opacity-50" data-testid="me-get-code">
          {labels.getCode}
        </button>
      </form>
      <form action={signInAction} className="space-y-2 border-t border-gray-100 pt-3">
        <input type="hidden" name="phone" value={phone} />
        <label className="block text-sm">
          <span className="text-gray-700">{labels.code}</span>
          <input name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} className={input} data-testid="me-code" />
        </label>
        <button disabled={signing} className="w-full rounded-md bg-red-800 py-2 text-white disabled:opacity-50" data-testid="me-sign-in">
          {labels.submit}
        </button>
      </form>
    </div>
  );
}
