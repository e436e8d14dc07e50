"use client";
import { useActionState } from "react";
import { signOut } from "next-auth/react";
import type { ActionState } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/auth/password-actions";

const initial: ActionState = { status: "idle" };
const FIELDS = ["current", "next", "confirm"];

function Field({ name, label, error }: { name: string; label: string; error?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-gray-700">
        {label}
      </label>
      <input id={name} name={name} type="password" autoComplete={name === "current" ? "current-password" : "new-password"} className="mt-1 block w-full rounded-md border-gray-300" aria-invalid={!!error} aria-describedby={error ? `${name}-err` : undefined} data-testid={`pw-${name}`} />
      {error && (
        <p id={`${name}-err`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function PasswordForm({ labels }: { labels: Record<"current" | "next" | "confirm" | "submit" | "done" | "rules", string> }) {
  const [state, action, pending] = useActionState(changeOwnPassword, initial);
  // the answer names the field it is about; an answer about no field (an expired session) goes below the form
  const field = state.status === "error" ? (state.fields?.find((f) => FIELDS.includes(f)) ?? "form") : null;
  const errorOf = (k: string) => (field === k ? state.message : undefined);
  if (state.status === "ok") {
    return (
      <div className="space-y-3" data-testid="pw-done">
        <p className="rounded-md bg-green-50 p-3 text-green-800">{labels.done}</p>
        <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="w-full rounded-md bg-red-700 px-4 py-2 text-white">
          OK
        </button>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="pw-form">
      <p className="text-sm text-gray-600">{labels.rules}</p>
      <Field name="current" label={labels.current} error={errorOf("current")} />
      <Field name="next" label={labels.next} error={errorOf("next")} />
      <Field name="confirm" label={labels.confirm} error={errorOf("confirm")} />
      {errorOf("form") && <p className="text-sm text-red-700">{errorOf("form")}</p>}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-red-700 px-4 py-2 font-medium text-white disabled:opacity-60" data-testid="pw-submit">
        {labels.submit}
      </button>
    </form>
  );
}
