"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * For a user holding `pii_reveal`: fetches one volunteer's full numbers on click (POST, never
 * cached, audited on the server) and shows them until hidden. Nothing is in the page before that.
 */
export function RevealButton({ id }: { id: number }) {
  const t = useTranslations("volunteers.reveal");
  const [state, setState] = useState<{ idCard: string; phone: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function reveal() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/volunteers/${id}/reveal`, { method: "POST", cache: "no-store" });
      const json = (await res.json().catch(() => ({}))) as { idCard?: string; phone?: string; message?: string };
      if (res.ok && json.idCard) setState({ idCard: json.idCard, phone: json.phone ?? "" });
      else setError(t("error", { message: json.message ?? String(res.status) }));
    } catch {
      setError(t("error", { message: "network" }));
    } finally {
      setPending(false);
    }
  }

  if (state) {
    return (
      <div className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200" data-testid="reveal-result">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-gray-600">{t("idCard")}</dt>
          <dd className="font-mono" data-testid="reveal-id">
            {state.idCard}
          </dd>
          <dt className="text-gray-600">{t("phone")}</dt>
          <dd className="font-mono" data-testid="reveal-phone">
            {state.phone}
          </dd>
        </dl>
        <p className="mt-2 text-xs text-amber-900">{t("audited")}</p>
        <button type="button" onClick={() => setState(null)} className="mt-2 text-sm font-medium text-red-700 underline" data-testid="reveal-hide">
          {t("hide")}
        </button>
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        onClick={reveal}
        disabled={pending}
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
        data-testid="reveal-button"
      >
        {pending ? t("working") : t("button")}
      </button>
      <p className="mt-1 text-xs text-gray-500">{t("hint")}</p>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700" data-testid="reveal-error">
          {error}
        </p>
      )}
    </div>
  );
}
