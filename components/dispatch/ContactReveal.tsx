"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * The requester's name and masked phone, and — for the staff who handle the need — a button that
 * asks the server for the full number (POST /api/v1/demands/{id}/contact, audited) and then offers
 * it as a tel: link.
 */
export function ContactReveal({ id, name, last4, mayReveal }: { id: number; name: string; last4: string; mayReveal: boolean }) {
  const t = useTranslations("dispatch.detail");
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      const r = await fetch(`/api/v1/demands/${id}/contact`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      const j = (await r.json().catch(() => ({}))) as { phone?: string; message?: string };
      if (r.ok && j.phone) setPhone(j.phone);
      else setError(t("revealFailed", { message: j.message ?? String(r.status) }));
    } catch {
      setError(t("revealFailed", { message: t("networkError") }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>
        {name} ·{" "}
        {phone ? (
          <a href={`tel:${phone}`} className="font-medium text-red-700 underline" data-testid="contact-phone">
            {t("call", { phone })}
          </a>
        ) : (
          <span data-testid="contact-masked">****{last4}</span>
        )}
      </span>
      {mayReveal && !phone && (
        <button
          type="button"
          onClick={reveal}
          disabled={busy}
          title={t("revealHint")}
          className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50"
          data-testid="contact-reveal"
        >
          {t("reveal")}
        </button>
      )}
      {mayReveal && !phone && <span className="w-full text-xs text-gray-600">{t("revealHint")}</span>}
      {error && (
        <span role="alert" className="w-full text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
