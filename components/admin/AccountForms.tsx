"use client";
import { useActionState } from "react";
import { errorFor } from "@/components/ui/ActionForm";
import { changeAccountRole, createAccount, resetAccountPassword } from "@/lib/admin/actions";
import type { ActionState } from "@/lib/auth/action";

const initial: ActionState = { status: "idle" };
const FIELDS = ["userId", "username", "displayName", "role", "scopeCode", "organizationId"];
const tempPassword = (s: ActionState) => (s.status === "ok" ? (s.data as { tempPassword?: string } | undefined)?.tempPassword : undefined);

export function CreateAccountForm({ roles, labels }: { roles: { value: string; label: string }[]; labels: Record<string, string> }) {
  const [state, action, pending] = useActionState(createAccount, initial);
  const input = "mt-1 block w-full rounded-md border-gray-300 text-sm";
  const err = (k: string) => errorFor(state, k, FIELDS) && <p className="mt-1 text-xs text-red-700">{errorFor(state, k, FIELDS)}</p>;
  return (
    <form action={action} className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5" data-testid="create-account">
      <label className="text-sm">
        {labels.username}
        <input name="username" className={input} data-testid="acct-username" />
        {err("username")}
      </label>
      <label className="text-sm">
        {labels.displayName}
        <input name="displayName" className={input} data-testid="acct-name" />
        {err("displayName")}
      </label>
      <label className="text-sm">
        {labels.role}
        <select name="role" className={input} data-testid="acct-role">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {err("role")}
      </label>
      <label className="text-sm">
        {labels.scope}
        <input name="scopeCode" placeholder="370285" className={input} data-testid="acct-scope" />
        {err("scopeCode")}
      </label>
      <label className="text-sm">
        {labels.organization}
        <input name="organizationId" inputMode="numeric" className={input} />
        {err("organizationId")}
      </label>
      <div className="sm:col-span-2 lg:col-span-5">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm text-white" data-testid="acct-create">
          {labels.create}
        </button>
        {state.status === "ok" && (
          <p className="mt-2 rounded bg-green-50 p-2 text-sm text-green-900" data-testid="acct-created">
            {state.message}。{labels.tempPassword}：<code className="font-mono">{tempPassword(state)}</code>
          </p>
        )}
        {errorFor(state, "form", FIELDS) && <p className="mt-2 text-sm text-red-700">{errorFor(state, "form", FIELDS)}</p>}
      </div>
    </form>
  );
}

export function ResetPasswordButton({ userId, labels }: { userId: number; labels: { reset: string; tempPassword: string } }) {
  const [state, action, pending] = useActionState(resetAccountPassword, initial);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100">
        {labels.reset}
      </button>
      {state.status === "ok" && (
        <span className="ml-2 text-xs text-green-800">
          {labels.tempPassword}：<code>{tempPassword(state)}</code>
        </span>
      )}
      {state.status === "error" && <span className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

/** sysadmin: change an account's role and scope (ends its sessions). */
export function ChangeRoleForm({ accounts, roles, labels }: { accounts: { id: number; username: string }[]; roles: { value: string; label: string }[]; labels: Record<string, string> }) {
  const [state, action, pending] = useActionState(changeAccountRole, initial);
  const input = "mt-1 block w-full rounded-md border-gray-300 text-sm";
  const err = (k: string) => errorFor(state, k, FIELDS) && <p className="mt-1 text-xs text-red-700">{errorFor(state, k, FIELDS)}</p>;
  return (
    <form action={action} className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5" data-testid="change-role">
      <label className="text-sm">
        {labels.account}
        <select name="userId" className={input} data-testid="cr-user">
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.username}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        {labels.role}
        <select name="role" className={input} data-testid="cr-role">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {err("role")}
      </label>
      <label className="text-sm">
        {labels.scope}
        <input name="scopeCode" placeholder="370285" className={input} data-testid="cr-scope" />
        {err("scopeCode")}
      </label>
      <label className="text-sm">
        {labels.organization}
        <input name="organizationId" inputMode="numeric" className={input} />
        {err("organizationId")}
      </label>
      <div className="flex items-end">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm text-white" data-testid="cr-submit">
          {labels.submit}
        </button>
      </div>
      {(state.status === "ok" || errorFor(state, "form", FIELDS) || errorFor(state, "userId", FIELDS)) && (
        <p className={`text-sm sm:col-span-2 lg:col-span-5 ${state.status === "ok" ? "text-green-800" : "text-red-700"}`} data-testid="cr-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
