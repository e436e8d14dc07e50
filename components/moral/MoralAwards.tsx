import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/ActionForm";
import { decideMoralAwardAction } from "@/lib/moral/actions";

type Award = { id: number; rule: string; volunteerName: string; volunteerNo: string; points: number; note: string; status: string; rejectReason: string | null; reverseReason: string | null; version: number };

/** Proposals with their status; 文明办 approves or rejects pending ones and reverses approved ones (a reason each time but approval). */
export async function MoralAwards({ awards, decide }: { awards: Award[]; decide: boolean }) {
  const t = await getTranslations("moral");
  const cls = "rounded border-gray-300 text-sm";
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
      <h2 className="mb-2 font-medium text-gray-900">{t("awards")}</h2>
      {awards.length === 0 ? (
        <p className="text-sm text-gray-500">{t("awardsEmpty")}</p>
      ) : (
        <ul className="divide-y divide-gray-100 text-sm" data-testid="moral-awards">
          {awards.map((a) => (
            <li key={a.id} className="grid gap-2 py-2 sm:grid-cols-[1fr_auto]" data-testid={`moral-award-${a.id}`}>
              <div>
                <p>
                  <span className="font-medium">{a.volunteerName}</span> <span className="text-xs text-gray-500">{a.volunteerNo}</span> · {a.rule} · <span className="tabular-nums">+{a.points}</span> ·{" "}
                  <span className={a.status === "approved" ? "text-green-700" : a.status === "pending" ? "text-amber-700" : "text-gray-600"} data-testid="moral-award-status">
                    {t(`status.${a.status}` as "status.pending")}
                  </span>
                </p>
                <p className="text-xs text-gray-600">{a.note}</p>
                {(a.rejectReason || a.reverseReason) && <p className="text-xs text-red-700">{t("reason")}：{a.rejectReason ?? a.reverseReason}</p>}
              </div>
              {decide && (a.status === "pending" || a.status === "approved") && (
                <ActionForm action={decideMoralAwardAction} className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="id" value={a.id} />
                  <input type="hidden" name="version" value={a.version} />
                  <label className="text-xs">
                    <span className="block text-gray-600">{t("reason")}</span>
                    <input name="reason" maxLength={500} className={`${cls} w-40`} data-testid={`moral-reason-${a.id}`} />
                  </label>
                  {a.status === "pending" ? (
                    <>
                      <button name="decision" value="approve" className="rounded-md bg-red-800 px-3 py-1.5 text-white" data-testid={`moral-approve-${a.id}`}>
                        {t("approve")}
                      </button>
                      <button name="decision" value="reject" className="rounded-md px-3 py-1.5 text-red-800 ring-1 ring-red-200" data-testid={`moral-reject-${a.id}`}>
                        {t("reject")}
                      </button>
                    </>
                  ) : (
                    <button name="decision" value="reverse" className="rounded-md px-3 py-1.5 text-red-800 ring-1 ring-red-200" data-testid={`moral-reverse-${a.id}`}>
                      {t("reverse")}
                    </button>
                  )}
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
