"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/Notice";
import type { FollowView } from "@/lib/dispatch/queries";
import { formatCst } from "@/lib/dispatch/rules";

const input = "mt-1 block w-full rounded-md border-gray-300 text-base shadow-sm focus:border-red-600 focus:ring-red-600 sm:text-sm";
const fmt = (iso: string) => formatCst(new Date(iso));

/** The requester's follow-up: reference + phone → status and history; rate once it is completed. */
export function FollowUp({ initialRef }: { initialRef: string }) {
  const t = useTranslations("dispatch");
  const [ref, setRef] = useState(initialRef);
  const [phone, setPhone] = useState("");
  const [view, setView] = useState<FollowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rating, setRating] = useState(0);
  const [thanks, setThanks] = useState(false);

  async function call(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/v1/demands/follow", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const j = (await res.json().catch(() => ({}))) as FollowView & { message?: string };
      if (!res.ok) {
        setError(j.message ?? t("follow.notFound"));
        return false;
      }
      setView(j);
      return true;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          setThanks(false);
          void call({ reference: ref, phone });
        }}
      >
        <label className="block text-sm text-gray-700">
          {t("follow.reference")}
          <input value={ref} onChange={(e) => setRef(e.target.value.trim())} className={input} data-testid="follow-reference" />
        </label>
        <label className="block text-sm text-gray-700">
          {t("follow.phone")}
          <input value={phone} onChange={(e) => setPhone(e.target.value.trim())} inputMode="tel" maxLength={11} className={input} data-testid="follow-phone" />
        </label>
        <button type="submit" disabled={busy} className="w-full rounded-md bg-red-700 px-4 py-3 font-semibold text-white disabled:opacity-60" data-testid="follow-submit">
          {t("follow.submit")}
        </button>
      </form>
      {error && (
        <Notice tone="error" testId="follow-error">
          {error}
        </Notice>
      )}
      {view && (
        <section className="space-y-3 rounded-lg border border-gray-200 p-4" data-testid="follow-view">
          <p className="text-sm text-gray-600">
            {view.reference} · {t(`categories.${view.category}`)} · {view.communityName}
          </p>
          <p className="text-gray-900">{view.description}</p>
          <p>
            {t("follow.state")}：
            <span className="font-semibold text-red-700" data-testid="follow-state" data-state={view.state}>
              {t(`states.${view.state}`)}
            </span>
          </p>
          {view.teamName && (
            <p className="text-sm">
              {t("follow.team")}：{view.teamName}
            </p>
          )}
          <ol className="space-y-1 border-l-2 border-red-200 pl-3 text-sm" aria-label={t("follow.history")}>
            {view.events.map((e, i) => (
              <li key={i}>
                <span className="tabular text-gray-500">{fmt(e.at)}</span> {t(`states.${e.to}`)}
              </li>
            ))}
          </ol>
          {view.rating != null && <p data-testid="follow-rated">{t("follow.rated", { n: view.rating })}</p>}
          {thanks && <p className="text-green-700">{t("follow.thanks")}</p>}
          {view.state === "completed" && (
            <form
              className="space-y-2 rounded-md bg-red-50 p-3"
              data-testid="follow-rate-form"
              onSubmit={async (e) => {
                e.preventDefault();
                const comment = String(new FormData(e.currentTarget).get("comment") ?? "");
                if (await call({ reference: ref, phone, version: view.version, rating, comment })) setThanks(true);
              }}
            >
              <fieldset>
                <legend className="text-sm font-medium">{t("follow.rateTitle")}</legend>
                <div className="mt-1 flex gap-1">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} className="cursor-pointer text-2xl" title={t("detail.stars", { n })}>
                      <input type="radio" name="rating" value={n} className="sr-only" onChange={() => setRating(n)} data-testid={`follow-star-${n}`} />
                      <span className={n <= rating ? "text-amber-500" : "text-gray-300"} aria-hidden>
                        ★
                      </span>
                      <span className="sr-only">{t("detail.stars", { n })}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <label className="block text-sm">
                {t("form.comment")}
                <textarea name="comment" rows={2} maxLength={300} className={input} data-testid="follow-comment" />
              </label>
              <button type="submit" disabled={busy || rating === 0} className="rounded-md bg-red-700 px-4 py-2 text-white disabled:opacity-60" data-testid="follow-rate-submit">
                {t("follow.rateSubmit")}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
