"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { confirmTotp } from "@/lib/security/totp-actions";

const initial: ActionState = { status: "idle" };

/** Confirms TOTP enrolment with a code; then shows the 10 recovery codes once. */
export function TotpConfirmForm({ labels }: { labels: Record<"code" | "submit" | "codesTitle" | "codesHint" | "done", string> }) {
  const [state, action, pending] = useActionState(confirmTotp, initial);
  const error = state.status === "error" ? state.message : undefined;
  const codes = state.status === "ok" ? (state.data as { recoveryCodes?: string[] } | undefined)?.recoveryCodes : undefined;
  if (codes) {
    return (
      <div className="mt-4 space-y-3" data-testid="totp-done">
        <h2 className="font-medium">{labels.codesTitle}</h2>
        <p className="text-sm text-gray-600">{labels.codesHint}</p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c} className="rounded bg-gray-100 px-2 py-1 text-center">
              {c}
            </li>
          ))}
        </ul>
        <Link href="/" className="block w-full rounded-md bg-red-700 px-4 py-2 text-center font-medium text-white" data-testid="totp-continue">
          {labels.done}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="mt-4 space-y-3" data-testid="totp-form">
      <div>
        <label htmlFor="code" className="block text-sm font-medium text-gray-700">
          {labels.code}
        </label>
        <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="mt-1 block w-full rounded-md border-gray-300 font-mono tracking-widest" aria-invalid={!!error} aria-describedby={error ? "code-err" : undefined} data-testid="totp-code" />
        {error && (
          <p id="code-err" role="alert" className="mt-1 text-sm text-red-700" data-testid="totp-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-red-700 px-4 py-2 font-medium text-white disabled:opacity-60" data-testid="totp-submit">
        {labels.submit}
      </button>
    </form>
  );
}
