"use client";
import { useActionState } from "react";
import { Notice } from "@/components/ui/Notice";
import type { ActionState } from "@/lib/auth/action";

type Action = (state: ActionState, fd: FormData) => Promise<ActionState>;
const IDLE: ActionState = { status: "idle" };

export interface CertificateFormLabels {
  from: string;
  to: string;
  issuer: string;
  issuerNote: string;
  handler: string;
  contact: string;
  issue: string;
}

/** The issuing form: period, handler, contact; the office shown read-only; a refusal shown above the button. */
export function CertificateFormClient({ action, volunteerId, office, handler, from, to, labels }: { action: Action; volunteerId: number; office: string; handler: string; from: string; to: string; labels: CertificateFormLabels }) {
  const [state, run, pending] = useActionState(action, IDLE);
  const field = "mt-1 block w-full rounded border-gray-300 text-sm";
  const bad = (k: string) => state.status === "error" && state.fields?.includes(k);
  return (
    <form action={run} className="mt-2 grid gap-3 sm:grid-cols-3" data-testid="certificate-form">
      <input type="hidden" name="volunteerId" value={volunteerId} />
      <label className="text-sm">
        <span className="text-gray-600">{labels.from}</span>
        <input type="date" name="from" required defaultValue={from} aria-invalid={bad("from")} className={field} data-testid="cert-from" />
      </label>
      <label className="text-sm">
        <span className="text-gray-600">{labels.to}</span>
        <input type="date" name="to" required defaultValue={to} aria-invalid={bad("to")} className={field} data-testid="cert-to" />
      </label>
      <div className="text-sm">
        <span className="text-gray-600">{labels.issuer}</span>
        <p className="mt-1 rounded bg-gray-50 px-3 py-2 text-gray-900 ring-1 ring-gray-200" data-testid="cert-issuer">
          {office}
        </p>
        <span className="text-xs text-gray-500">{labels.issuerNote}</span>
      </div>
      <label className="text-sm">
        <span className="text-gray-600">{labels.handler}</span>
        <input name="handler" required defaultValue={handler} aria-invalid={bad("handler")} className={field} data-testid="cert-handler" />
      </label>
      <label className="text-sm">
        <span className="text-gray-600">{labels.contact}</span>
        <input name="contact" className={field} data-testid="cert-contact" />
      </label>
      <div className="flex flex-col justify-end gap-2">
        {state.status === "error" && state.message && <Notice tone="error">{state.message}</Notice>}
        <button disabled={pending} className="self-start rounded-md bg-red-800 px-3 py-1.5 text-sm text-white disabled:opacity-60" data-testid="cert-submit">
          {labels.issue}
        </button>
      </div>
    </form>
  );
}
