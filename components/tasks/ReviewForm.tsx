"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/Notice";

type Verdict = "closed" | "returned";
/** Seconds between confirming and sending, during which 撤销 cancels (closing cannot be undone later). */
export const UNDO_SECONDS = 4;

/**
 * 复查: 销号 or 退回 with a note. Neither is sent on the first press: the form asks to confirm (saying
 * what happens), then waits a few seconds with 撤销 before it submits — a closed task cannot be
 * reopened, so the undo is offered before the change, not after.
 */
export function ReviewForm({
  act,
  hidden,
  moves,
  pending,
  area,
  btn,
}: {
  act: (fd: FormData) => void;
  hidden: React.ReactNode;
  moves: Verdict[];
  pending: boolean;
  area: string;
  btn: string;
}) {
  const t = useTranslations("tasks.actions");
  const form = useRef<HTMLFormElement>(null);
  const [ask, setAsk] = useState<Verdict | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [undone, setUndone] = useState(false);

  useEffect(() => {
    if (left === null) return;
    const id = window.setTimeout(() => {
      if (left > 1) return setLeft(left - 1);
      form.current?.requestSubmit(); // reads `to` from the DOM before the state below clears it
      setLeft(null);
      setAsk(null);
    }, 1000);
    return () => window.clearTimeout(id);
  }, [left]);

  const tone: Record<Verdict, string> = { closed: "bg-emerald-700 hover:bg-emerald-800", returned: "bg-orange-700 hover:bg-orange-800" };
  return (
    <form ref={form} action={act} className="space-y-2" data-testid="form-review">
      {hidden}
      <input type="hidden" name="to" value={ask ?? ""} />
      <label className="block text-sm text-gray-700">
        {t("closeNote")} / {t("reason")}
        <textarea name="note" rows={3} maxLength={1000} placeholder={t("reasonPlaceholder")} className={area} readOnly={left !== null} data-testid="review-note" />
      </label>
      {undone && (
        <Notice tone="ok" testId="review-undone">
          {t("undone")}
        </Notice>
      )}
      {ask === null ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          {moves.map((m) => (
            <button
              key={m}
              type="button"
              disabled={pending}
              onClick={() => {
                setUndone(false);
                setAsk(m);
              }}
              className={`${btn} ${tone[m]}`}
              data-testid={`action-${m}`}
            >
              {pending ? t("working") : t(`to.${m}`)}
            </button>
          ))}
        </div>
      ) : left === null ? (
        <div role="alertdialog" aria-labelledby={`confirm-${ask}`} className="space-y-2 rounded-md bg-gray-50 p-3 ring-1 ring-gray-200" data-testid="review-confirm">
          <p id={`confirm-${ask}`} className="text-sm font-medium text-gray-900">
            {t(`confirm.${ask}`)}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <button type="button" autoFocus onClick={() => setLeft(UNDO_SECONDS)} className={`${btn} ${tone[ask]}`} data-testid={`confirm-${ask}`}>
              {t(`confirmYes.${ask}`)}
            </button>
            <button type="button" onClick={() => setAsk(null)} className="w-full rounded-md px-4 py-3 text-base text-gray-800 ring-1 ring-gray-300 sm:w-auto sm:py-2 sm:text-sm" data-testid="confirm-cancel">
              {t("confirmNo")}
            </button>
          </div>
        </div>
      ) : (
        <div className="flex items-center gap-3 rounded-md bg-gray-50 p-3 ring-1 ring-gray-200" data-testid="review-countdown">
          <span className="text-sm text-gray-900" aria-live="polite">
            {t(`countdown.${ask}`, { s: left })}
          </span>
          <button
            type="button"
            autoFocus
            onClick={() => {
              setLeft(null);
              setAsk(null);
              setUndone(true);
            }}
            className="rounded-md px-4 py-2 text-sm font-medium text-red-800 ring-1 ring-red-300"
            data-testid="review-undo"
          >
            {t("undo")}
          </button>
        </div>
      )}
    </form>
  );
}
