import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { fmtTime } from "@/lib/format";
import { one } from "@/lib/search-params";
import { CertificateForm } from "@/components/timebank/CertificateForm";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { DataTable } from "@/components/ui/DataTable";
import { Stars } from "@/components/volunteers/Stars";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { cancelRedemptionAction, pickupAction, staffRedeemAction } from "@/lib/timebank/actions";
import { getVolunteerPoints, listRedemptions, listRewards } from "@/lib/timebank/queries";
import { ActionForm } from "@/components/ui/ActionForm";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => pageTitle(["timebank.lookup.pageTitle", "timebank.nav.title"], { id: (await params).id.replace(/\D/g, "").slice(0, 10) });

/** A volunteer's time-bank account: balance, star, ledger, redeem for them, their redemptions, certificates. */
export default async function VolunteerPointsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("timebank");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const q = await searchParams;
  const p = await getVolunteerPoints(db, user, { volunteerId: id, limit: 50 });
  if (!p) notFound();
  const t = await getTranslations("timebank");
  const write = canWrite(user.role);
  const [rewards, reds] = await Promise.all([listRewards(db, user, { activeOnly: true, openTo: p.volunteer.communityCode }), listRedemptions(db, user, { volunteerId: id, limit: 20 })]);
  const okKey = one(q.ok);
  return (
    <div className="space-y-4" data-testid="volunteer-points-page">
      <TimebankNav active="volunteer" />
      <ActionNotice ok={okKey} okText={okKey ? t(`ok.${okKey}` as "ok.redeemed", { code: one(q.pickup) ?? "" }) : undefined} />
      {okKey === "redeemed" && one(q.pickup) && (
        <p className="rounded-lg bg-amber-50 p-4 text-center ring-1 ring-amber-200">
          <span className="block text-sm text-amber-800">{t("redeem.pickupLabel")}</span>
          <span className="text-3xl font-bold tracking-widest text-gray-900" data-testid="pickup-code">
            {one(q.pickup)}
          </span>
        </p>
      )}
      <section className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <p className="text-sm text-gray-500">{t("account.volunteer")}</p>
          <p className="mt-1 text-lg font-semibold" data-testid="vp-name">
            {p.volunteer.name}
          </p>
          <p className="text-xs text-gray-500">{p.volunteer.volunteerNo}</p>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <p className="text-sm text-gray-500">{t("account.balance")}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="vp-balance" data-value={p.balance}>
            {p.balance}
          </p>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <p className="text-sm text-gray-500">{t("account.hours")}</p>
          <p className="mt-1 text-lg font-semibold tabular-nums" data-testid="vp-hours" data-value={p.verifiedHours}>
            {p.verifiedHours} 小时
          </p>
          <p className="text-sm" data-testid="vp-star" data-value={p.starLevel}>
            <Stars n={p.starLevel} label={t("account.star", { n: p.starLevel })} /> {t("account.star", { n: p.starLevel })}
            {p.hoursToNextStar !== null && <span className="ml-1 text-xs text-gray-500">{t("account.next", { h: p.hoursToNextStar })}</span>}
          </p>
        </div>
      </section>

      {write && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <h2 className="font-medium text-gray-900">{t("redeem.title")}</h2>
          {rewards.length === 0 ? (
            <p className="mt-2 text-sm text-gray-500">{t("redeem.none")}</p>
          ) : (
            <ActionForm action={staffRedeemAction} className="mt-2 flex flex-wrap items-end gap-2" testId="redeem-form">
              <input type="hidden" name="volunteerId" value={id} />
              <input type="hidden" name="idempotencyKey" value={`staff-${randomUUID()}`} />
              <label className="text-sm">
                <span className="block text-gray-600">{t("redeem.reward")}</span>
                <select name="rewardId" className="mt-1 rounded border-gray-300 text-sm" data-testid="redeem-reward">
                  {rewards.map((r) => (
                    <option key={r.id} value={r.id} disabled={r.stock <= 0}>
                      {t("redeem.option", { name: r.name, cost: r.cost, stock: r.stock })}
                    </option>
                  ))}
                </select>
              </label>
              <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="redeem-submit">
                {t("redeem.submit")}
              </button>
            </ActionForm>
          )}
        </section>
      )}

      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <h2 className="font-medium text-gray-900">{t("redemptions.title")}</h2>
        <div className="mt-2">
          <DataTable
            testId="redemptions"
            dense
            rows={reds}
            rowKey={(r) => r.id}
            rowTestId={(r) => `redemption-${r.id}`}
            empty={t("redemptions.none")}
            columns={[
              { key: "rewardName", header: t("redemptions.reward") },
              { key: "points", header: t("redemptions.points"), align: "right" },
              { key: "pickupCode", header: t("redemptions.code"), className: "font-mono" },
              { key: "status", header: t("redemptions.status"), cell: (r) => t(`redemptions.s.${r.status}` as "redemptions.s.redeemed") },
              { key: "createdAt", header: t("redemptions.at"), nowrap: true, cell: (r) => fmtTime(r.createdAt) },
              {
                key: "actions",
                header: <span className="sr-only">{t("redemptions.status")}</span>,
                cell: (r) =>
                  write &&
                  r.status === "redeemed" && (
                    <div className="flex flex-wrap gap-1">
                      <ActionForm action={pickupAction}>
                        <input type="hidden" name="volunteerId" value={id} />
                        <input type="hidden" name="redemptionId" value={r.id} />
                        <button className="rounded bg-white px-2 py-0.5 text-xs ring-1 ring-gray-300" data-testid={`pickup-${r.id}`}>
                          {t("redemptions.pickup")}
                        </button>
                      </ActionForm>
                      <ActionForm action={cancelRedemptionAction} className="flex gap-1">
                        <input type="hidden" name="volunteerId" value={id} />
                        <input type="hidden" name="redemptionId" value={r.id} />
                        <input name="reason" required placeholder={t("redemptions.reason")} aria-label={t("redemptions.reason")} className="w-28 rounded border-gray-300 text-xs" />
                        <button className="rounded bg-white px-2 py-0.5 text-xs text-red-800 ring-1 ring-red-200" data-testid={`cancel-${r.id}`}>
                          {t("redemptions.cancel")}
                        </button>
                      </ActionForm>
                    </div>
                  ),
              },
            ]}
          />
        </div>
      </section>

      {write && <CertificateForm db={db} actor={user} handler={user.displayName} volunteerId={id} />}

      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <h2 className="font-medium text-gray-900">{t("ledger.title")}</h2>
        <div className="mt-2">
          <DataTable
            testId="ledger"
            dense
            rows={p.entries}
            rowKey={(e) => e.id}
            empty={t("ledger.none")}
            columns={[
              { key: "createdAt", header: t("ledger.at"), nowrap: true, cell: (e) => fmtTime(e.createdAt) },
              { key: "kind", header: t("ledger.kind"), cell: (e) => t(`ledger.k.${e.kind}` as "ledger.k.earn") },
              { key: "amount", header: t("ledger.amount"), align: "right", cell: (e) => <span className={e.amount < 0 ? "text-red-700" : "text-green-700"}>{e.amount > 0 ? `+${e.amount}` : e.amount}</span> },
              { key: "note", header: t("ledger.note"), className: "text-gray-600", cell: (e) => e.note ?? "" },
            ]}
          />
        </div>
        <p className="mt-2 text-xs text-gray-500">
          <Link href="/timebank" className="underline">
            {t("ledger.back")}
          </Link>
        </p>
      </section>
    </div>
  );
}
