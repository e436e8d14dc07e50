"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { MoveName } from "@/lib/dispatch/rules";

interface Sugg {
  teamId: number;
  name: string;
  distanceKm: number | null;
  load: number;
  reason: string;
}

const input = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";
const DANGER: MoveName[] = ["decline", "cancel"];

/**
 * The moves this user may make on a need now (decided on the server by lib/dispatch/rules.ts), each
 * a small form that posts to /api/v1/demands/{id}/{move} with the version the page showed. A 409
 * (someone acted first) shows who and when, with a reload.
 */
export function Actions({
  id,
  version,
  moves,
  suggestions,
  members,
  hoursFor,
  today,
}: {
  id: number;
  version: number;
  moves: MoveName[];
  suggestions: Sugg[];
  members: { id: number; name: string; volunteerNo: string }[];
  /** Volunteers whose service hours may be entered now (a completed need's assignees); empty = no form. */
  hoursFor: { id: number; name: string }[];
  today: string;
}) {
  const t = useTranslations("dispatch");
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ kind: "ok" | "error" | "conflict"; text: string } | null>(null);

  async function send(path: string, body: Record<string, unknown>, label: string) {
    setBusy(path);
    setMsg(null);
    try {
      const r = await fetch(`/api/v1/demands/${id}/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const j = (await r.json().catch(() => ({}))) as { message?: string; created?: unknown[]; skipped?: unknown[] };
      if (!r.ok) {
        setMsg({ kind: r.status === 409 ? "conflict" : "error", text: j.message ?? String(r.status) });
        return;
      }
      if (path === "hours") setMsg({ kind: "ok", text: `${t("form.hoursSaved", { n: j.created?.length ?? 0 })}${j.skipped?.length ? `；${t("form.hoursSkipped", { n: j.skipped.length })}` : ""}` });
      else setMsg({ kind: "ok", text: t("form.done", { move: label }) });
      router.refresh();
    } finally {
      setBusy(null);
    }
  }

  const submit = (m: MoveName, build: (fd: FormData) => Record<string, unknown>) => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void send(m, { version, ...build(new FormData(e.currentTarget)) }, t(`moves.${m}`));
  };
  const ids = (fd: FormData) => fd.getAll("volunteerIds").map(Number);

  const button = (m: MoveName) => (
    <button type="submit" disabled={busy !== null} className={`rounded-md px-4 py-2 text-sm text-white disabled:opacity-60 ${DANGER.includes(m) ? "bg-gray-700" : "bg-red-700"}`} data-testid={`move-${m}-submit`}>
      {busy === m ? t("form.saving") : t(`moves.${m}`)}
    </button>
  );

  const memberBoxes = (
    <fieldset>
      <legend className="text-sm text-gray-700">{t("form.volunteers")}</legend>
      <div className="mt-1 grid max-h-48 grid-cols-1 gap-1 overflow-y-auto sm:grid-cols-2">
        {members.map((v) => (
          <label key={v.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="volunteerIds" value={v.id} data-testid="assignee-option" />
            {v.name} <span className="text-xs text-gray-500">{v.volunteerNo}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <div className="space-y-3" data-testid="demand-actions">
      {msg && (
        <div role={msg.kind === "ok" ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${msg.kind === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`} data-testid="action-message">
          {msg.text}
          {msg.kind === "conflict" && (
            <button type="button" className="ml-2 underline" onClick={() => router.refresh()}>
              {t("form.reload")}
            </button>
          )}
        </div>
      )}
      {moves.length === 0 && hoursFor.length === 0 && <p className="text-sm text-gray-500">{t("detail.noMoves")}</p>}
      {moves.map((m) => (
        <section key={m} className="rounded-lg border border-gray-200 bg-white p-3">
          <h3 className="mb-2 text-sm font-semibold text-gray-800">{t(`moves.${m}`)}</h3>
          {m === "dispatch" && (
            <form onSubmit={submit(m, (fd) => ({ teamId: Number(fd.get("teamId")) }))} className="space-y-2" data-testid="move-dispatch">
              {suggestions.length === 0 ? (
                <p className="text-sm text-gray-500">{t("form.noSuggestions")}</p>
              ) : (
                <fieldset>
                  <legend className="text-sm text-gray-700">{t("form.suggestions")}</legend>
                  <ol className="mt-1 space-y-1">
                    {suggestions.map((s, i) => (
                      <li key={s.teamId}>
                        <label className="flex items-start gap-2 rounded-md p-1 text-sm hover:bg-gray-50">
                          <input type="radio" name="teamId" value={s.teamId} defaultChecked={i === 0} className="mt-1" data-testid="suggestion-option" data-team={s.teamId} />
                          <span>
                            <span className="font-medium">{s.name}</span>
                            <span className="block text-xs text-gray-500" data-testid="suggestion-reason">
                              {s.reason}
                            </span>
                          </span>
                        </label>
                      </li>
                    ))}
                  </ol>
                </fieldset>
              )}
              {suggestions.length > 0 && button(m)}
            </form>
          )}
          {m === "open" && (
            <form onSubmit={submit(m, () => ({}))} data-testid="move-open">
              {button(m)}
            </form>
          )}
          {(m === "accept" || m === "grab") && (
            <form onSubmit={submit(m, (fd) => ({ volunteerIds: ids(fd) }))} className="space-y-2" data-testid={`move-${m}`}>
              {memberBoxes}
              {button(m)}
            </form>
          )}
          {(m === "decline" || m === "cancel") && (
            <form onSubmit={submit(m, (fd) => ({ reason: String(fd.get("reason") ?? "") }))} className="space-y-2" data-testid={`move-${m}`}>
              <label className="block text-sm text-gray-700">
                {t("form.reason")}
                <input name="reason" maxLength={200} className={input} data-testid={`move-${m}-reason`} />
              </label>
              {button(m)}
            </form>
          )}
          {m === "complete" && (
            <form onSubmit={submit(m, (fd) => ({ note: String(fd.get("note") ?? ""), photo: String(fd.get("photo") ?? "") || null, peopleServed: Number(fd.get("peopleServed") || 1) }))} className="space-y-2" data-testid="move-complete">
              <label className="block text-sm text-gray-700">
                {t("form.note")}
                <textarea name="note" rows={2} maxLength={500} className={input} data-testid="move-complete-note" />
              </label>
              <div className="grid grid-cols-2 gap-2">
                <label className="block text-sm text-gray-700">
                  {t("form.peopleServed")}
                  <input name="peopleServed" type="number" min={0} defaultValue={1} className={input} />
                </label>
                <label className="block text-sm text-gray-700">
                  {t("form.photo")}
                  <input name="photo" maxLength={500} className={input} />
                </label>
              </div>
              {button(m)}
            </form>
          )}
          {m === "rate" && (
            <form onSubmit={submit(m, (fd) => ({ rating: Number(fd.get("rating")), comment: String(fd.get("comment") ?? "") || null }))} className="space-y-2" data-testid="move-rate">
              <label className="block text-sm text-gray-700">
                {t("form.rating")}
                <select name="rating" className={input} defaultValue="5">
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {t("detail.stars", { n })}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block text-sm text-gray-700">
                {t("form.comment")}
                <input name="comment" maxLength={300} className={input} />
              </label>
              {button(m)}
            </form>
          )}
          {m === "reward" && (
            <form onSubmit={submit(m, () => ({}))} data-testid="move-reward">
              {button(m)}
            </form>
          )}
        </section>
      ))}
      {hoursFor.length > 0 && (
        <section className="rounded-lg border border-gray-200 bg-white p-3">
          <h3 className="mb-2 text-sm font-semibold text-gray-800">{t("form.hours")}</h3>
          <form
            className="space-y-2"
            data-testid="hours-form"
            onSubmit={(e) => {
              e.preventDefault();
              const fd = new FormData(e.currentTarget);
              const rows = hoursFor.map((v) => ({ volunteerId: v.id, hours: Number(fd.get(`h${v.id}`) || 0), serviceDate: String(fd.get("serviceDate") || today) })).filter((r) => r.hours > 0);
              void send("hours", { rows }, t("form.hours"));
            }}
          >
            <label className="block text-sm text-gray-700">
              {t("form.serviceDate")}
              <input type="date" name="serviceDate" defaultValue={today} max={today} className={input} />
            </label>
            {hoursFor.map((v) => (
              <label key={v.id} className="flex items-center justify-between gap-2 text-sm">
                {v.name}
                <input name={`h${v.id}`} type="number" step="0.5" min={0} max={24} defaultValue={2} className="w-24 rounded-md border-gray-300 text-sm" aria-label={`${v.name} ${t("form.hoursEach")}`} />
              </label>
            ))}
            <button type="submit" disabled={busy !== null} className="rounded-md bg-red-700 px-4 py-2 text-sm text-white disabled:opacity-60" data-testid="hours-submit">
              {t("form.hours")}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
