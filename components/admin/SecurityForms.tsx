"use client";
import { useActionState, useState } from "react";
import { errorFor } from "@/components/ui/ActionForm";
import type { ActionState } from "@/lib/auth/action";
import { createApiToken, saveSecuritySettings } from "@/lib/security/actions";
import { verifyChainNow } from "@/lib/admin/audit-actions";
import type { ChainResult } from "@/lib/audit/verify";

const initial: ActionState = { status: "idle" };
const SETTINGS_FIELDS = ["lockoutThreshold", "lockoutMinutes", "passwordMaxAgeDays", "idleMinutes", "absoluteHours", "auditRetentionDays", "ipMaxFailures", "ipWindowMinutes", "adminIpAllowList", "totpRoles"];
const TOKEN_FIELDS = ["name", "scopeCode", "expiresAt", "permissions"];
const input = "mt-1 block w-full rounded-md border-gray-300 text-sm";

export interface SettingsValues {
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMaxAgeDays: number;
  idleMinutes: number;
  absoluteHours: number;
  auditRetentionDays: number;
  ipMaxFailures: number;
  ipWindowMinutes: number;
  adminIpAllowList: string[];
  totpRoles: string[];
}

const NUMBERS = ["lockoutThreshold", "lockoutMinutes", "passwordMaxAgeDays", "idleMinutes", "absoluteHours", "auditRetentionDays", "ipMaxFailures", "ipWindowMinutes"] as const;

/** secadmin: the security policy form (server validates the bounds; errors name the field). */
export function SettingsForm({ values, roles, labels }: { values: SettingsValues; roles: { value: string; label: string }[]; labels: Record<string, string> }) {
  const [state, action, pending] = useActionState(saveSecuritySettings, initial);
  const err = (k: string) =>
    errorFor(state, k, SETTINGS_FIELDS) && (
      <p className="mt-1 text-xs text-red-700" role="alert" data-testid={`err-${k}`}>
        {errorFor(state, k, SETTINGS_FIELDS)}
      </p>
    );
  return (
    <form action={action} className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="security-settings">
      {NUMBERS.map((k) => (
        <label key={k} className="text-sm">
          {labels[k]}
          <input name={k} type="number" defaultValue={values[k]} className={input} data-testid={`set-${k}`} />
          {err(k)}
        </label>
      ))}
      <label className="text-sm sm:col-span-2">
        {labels.adminIpAllowList}
        <textarea name="adminIpAllowList" rows={3} defaultValue={values.adminIpAllowList.join("\n")} placeholder="10.0.0.0/8" className={input} data-testid="set-adminIpAllowList" />
        {err("adminIpAllowList")}
      </label>
      <fieldset className="text-sm sm:col-span-2">
        <legend>{labels.totpRoles}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {roles.map((r) => (
            <label key={r.value} className="inline-flex items-center gap-1">
              <input type="checkbox" name="totpRoles" value={r.value} defaultChecked={values.totpRoles.includes(r.value)} />
              {r.label}
            </label>
          ))}
        </div>
        {err("totpRoles")}
      </fieldset>
      <div className="sm:col-span-2 lg:col-span-4">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60" data-testid="set-save">
          {labels.save}
        </button>
        {state.status === "ok" && (
          <span className="ml-3 text-sm text-green-800" data-testid="set-saved">
            {state.message}
          </span>
        )}
        {errorFor(state, "form", SETTINGS_FIELDS) && (
          <span className="ml-3 text-sm text-red-700" role="alert">
            {state.message}
          </span>
        )}
      </div>
    </form>
  );
}

/** secadmin: create an API token; the token is shown once. */
export function TokenForm({ permissions, labels }: { permissions: { value: string; label: string }[]; labels: Record<string, string> }) {
  const [state, action, pending] = useActionState(createApiToken, initial);
  const err = (k: string) => errorFor(state, k, TOKEN_FIELDS) && <p className="mt-1 text-xs text-red-700">{errorFor(state, k, TOKEN_FIELDS)}</p>;
  const token = state.status === "ok" ? (state.data as { token?: string } | undefined)?.token : undefined;
  return (
    <form action={action} className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3" data-testid="token-form">
      <label className="text-sm">
        {labels.name}
        <input name="name" className={input} data-testid="token-name" />
        {err("name")}
      </label>
      <label className="text-sm">
        {labels.scope}
        <input name="scopeCode" placeholder="370285" className={input} data-testid="token-scope" />
        {err("scopeCode")}
      </label>
      <label className="text-sm">
        {labels.expires}
        <input name="expiresAt" type="date" className={input} data-testid="token-expires" />
        {err("expiresAt")}
      </label>
      <fieldset className="text-sm sm:col-span-3">
        <legend>{labels.permissions}</legend>
        <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-4">
          {permissions.map((p) => (
            <label key={p.value} className="inline-flex items-center gap-1">
              <input type="checkbox" name="permissions" value={p.value} data-testid={`perm-${p.value}`} />
              {p.label}
            </label>
          ))}
        </div>
        {err("permissions")}
      </fieldset>
      <div className="sm:col-span-3">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60" data-testid="token-create">
          {labels.create}
        </button>
        {errorFor(state, "form", TOKEN_FIELDS) && (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {state.message}
          </p>
        )}
        {token && (
          <p className="mt-2 rounded bg-green-50 p-2 text-sm text-green-900">
            {state.message}。{labels.shownOnce}：
            <code className="break-all font-mono" data-testid="token-value">
              {token}
            </code>
          </p>
        )}
      </div>
    </form>
  );
}

/** auditor: verify the whole hash chain on demand. */
export function VerifyChainButton({ labels }: { labels: { verify: string; ok: string; broken: string; running: string } }) {
  const [result, setResult] = useState<ChainResult | { error: string } | null>(null);
  const verify = async (): Promise<ChainResult | { error: string }> => {
    const answer = await verifyChainNow();
    return answer.status === "ok" ? (answer.data as ChainResult) : { error: answer.message ?? "" };
  };
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={pending}
        className="rounded-md bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60"
        data-testid="verify-chain"
        onClick={async () => {
          setPending(true);
          try {
            setResult(await verify());
          } finally {
            setPending(false);
          }
        }}
      >
        {pending ? labels.running : labels.verify}
      </button>
      {result && "error" in result && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {result.error}
        </p>
      )}
      {result && "ok" in result && (
        <p className={`rounded-md p-2 text-sm ${result.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`} data-testid="audit-chain">
          {result.ok
            ? labels.ok.replace("{n}", String(result.entries))
            : labels.broken.replace("{id}", String(result.brokenAt)).replace("{reason}", result.reason)}
        </p>
      )}
    </div>
  );
}
