import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/ActionForm";
import { Pager } from "@/components/ui/Pager";
import { MeSection, Stat } from "@/components/me/MeSection";
import { fmtTime, formatNumber } from "@/lib/format";
import { meCancelEnrolmentAction, meIntentionsAction, mePhoneCodeAction, mePhoneConfirmAction, meSignOutAction } from "@/lib/me/actions";
import { getMe, listMyCertificates, listMyEnrolments, listMyPoints, listMyRecords, listMyRedemptions } from "@/lib/me/queries";
import { requireVolunteer } from "@/lib/auth/volunteer-session";
import { one, type SearchParams, toQueryString } from "@/lib/search-params";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export const dynamic = "force-dynamic";
export const metadata = { title: "我的志愿服务" };

const hoursText = (h: number) => formatNumber(h, Number.isInteger(h) ? 0 : 1);
const pageOf = (v: string | undefined) => (v && /^[1-9]\d{0,4}$/.test(v) ? Number(v) : 1);

/** /me — the volunteer's own page, phone-first: who I am, my hours, points, enrolments, redemptions, certificates. */
export default async function MePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { me, db } = await requireVolunteer();
  const q = await searchParams;
  const pages = { rp: pageOf(one(q.rp)), pp: pageOf(one(q.pp)), ep: pageOf(one(q.ep)) };
  const [s, records, ledger, enrols, redemptions, certs] = await Promise.all([
    getMe(db, me),
    listMyRecords(db, me, { page: pages.rp }),
    listMyPoints(db, me, { page: pages.pp }),
    listMyEnrolments(db, me, { page: pages.ep }),
    listMyRedemptions(db, me),
    listMyCertificates(db, me),
  ]);
  if (!s) notFound();
  const t = await getTranslations("me");
  const tSector = await getTranslations("cockpit.sectors");
  const href = (key: keyof typeof pages, anchor: string) => (p: number) => `/me?${toQueryString({ ...pages, [key]: p }, { rp: 1, pp: 1, ep: 1 })}#${anchor}`;
  const input = "mt-1 block w-full rounded-md border-gray-300 text-base";
  return (
    <main className="min-h-screen bg-gray-50 px-3 py-4 sm:px-4 sm:py-8">
      <div className="mx-auto w-full max-w-2xl space-y-4" data-testid="me-page">
        <header className="rounded-xl bg-gradient-to-b from-red-800 to-red-900 p-4 text-white">
          <div className="flex items-start justify-between gap-2">
            <div>
              <p className="text-sm text-red-100">{t("title")}</p>
              <h1 className="text-2xl font-bold" data-testid="me-name">
                {s.name}
              </h1>
              <p className="text-sm text-red-100">
                {t("volunteerNo")} <span data-testid="me-volunteer-no">{s.volunteerNo}</span>
              </p>
            </div>
            <form action={meSignOutAction}>
              <button className="rounded-md bg-white/10 px-3 py-1 text-sm ring-1 ring-white/40" data-testid="me-sign-out">
                {t("signOut")}
              </button>
            </form>
          </div>
          <div className="mt-3" data-testid="me-star">
            <p className="text-lg font-semibold">{s.starLevel > 0 ? `${"★".repeat(s.starLevel)} ${t("stars", { n: s.starLevel })}` : t("noStar")}</p>
            <div className="mt-1 h-2 w-full rounded bg-white/20" role="progressbar" aria-valuenow={s.star.percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("star")}>
              <div className="h-2 rounded bg-amber-300" style={{ width: `${s.star.percent}%` }} />
            </div>
            <p className="mt-1 text-xs text-red-100">{s.star.next ? t("toNext", { h: hoursText(s.star.hoursToNext ?? 0), n: s.star.next }) : t("topStar")}</p>
          </div>
        </header>

        <section className="grid grid-cols-2 gap-3" aria-label={t("hoursVerified")}>
          <Stat label={t("hoursVerified")} value={t("hoursUnit", { h: hoursText(s.hours.verified) })} testId="me-hours-verified" />
          <Stat label={t("hoursPending")} value={t("hoursUnit", { h: hoursText(s.hours.pending) })} testId="me-hours-pending" />
        </section>

        <MeSection title={t("points")} id="points">
          <p className="text-3xl font-bold text-red-800" data-testid="me-balance">
            {formatNumber(s.points.balance)}
            <span className="ml-2 text-sm font-normal text-gray-500">{t("balance")}</span>
          </p>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            {(
              [
                ["fromHours", s.points.hours, "me-points-hours"],
                ["fromMoral", s.points.moral, "me-points-moral"],
                ["fromDispatch", s.points.dispatch, "me-points-dispatch"],
                ["redeemed", s.points.redeemed, "me-points-redeemed"],
              ] as const
            ).map(([k, v, id]) => (
              <div key={k} className="rounded-md bg-gray-50 p-2">
                <dt className="text-xs text-gray-500">{t(k)}</dt>
                <dd className="font-semibold" data-testid={id}>
                  {formatNumber(v)}
                </dd>
              </div>
            ))}
          </dl>
          <h3 className="mt-4 text-sm font-semibold text-gray-700">{t("ledger")}</h3>
          {ledger.rows.length === 0 ? (
            <p className="text-sm text-gray-500">{t("ledgerEmpty")}</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="me-ledger">
              {ledger.rows.map((e) => (
                <li key={e.id} className="flex justify-between gap-2 py-2">
                  <span>
                    {t(`kind.${e.kind}` as "kind.earn")}
                    <span className="block text-xs text-gray-500">{fmtTime(e.createdAt)}</span>
                  </span>
                  <span className={e.amount > 0 ? "font-semibold text-green-700" : "font-semibold text-gray-700"}>{e.amount > 0 ? `+${e.amount}` : e.amount}</span>
                </li>
              ))}
            </ul>
          )}
          {ledger.pages > 1 && <Pager page={ledger.page} pages={ledger.pages} total={ledger.total} href={href("pp", "points")} testId="me-ledger-pager" />}
        </MeSection>

        <MeSection title={t("records")} id="records">
          {records.rows.length === 0 ? (
            <p className="text-sm text-gray-500">{t("recordsEmpty")}</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="me-records">
              {records.rows.map((r) => (
                <li key={r.id} className="py-2" data-testid={`me-record-${r.id}`}>
                  <div className="flex justify-between gap-2">
                    <span className="font-medium">{r.activity ?? r.organization ?? "—"}</span>
                    <span>{t("hoursUnit", { h: hoursText(r.hours) })}</span>
                  </div>
                  <div className="flex justify-between gap-2 text-xs text-gray-500">
                    <span>{r.serviceDate}</span>
                    <span className={r.status === "verified" ? "text-green-700" : r.status === "rejected" ? "text-red-700" : "text-amber-700"} data-testid="me-record-status">
                      {t(`status.${r.status}`)}
                    </span>
                  </div>
                  {r.status === "rejected" && r.rejectReason && <p className="text-xs text-red-700">{t("rejectReason", { r: r.rejectReason })}</p>}
                </li>
              ))}
            </ul>
          )}
          {records.pages > 1 && <Pager page={records.page} pages={records.pages} total={records.total} href={href("rp", "records")} testId="me-records-pager" />}
        </MeSection>

        <MeSection title={t("enrolments")} id="enrolments">
          {enrols.rows.length === 0 ? (
            <p className="text-sm text-gray-500">
              {t("enrolmentsEmpty")}{" "}
              <Link href="/activities" className="underline">
                {t("findActivities")}
              </Link>
            </p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="me-enrolments">
              {enrols.rows.map((e) => (
                <li key={e.activityId} className="py-2" data-testid={`me-enrolment-${e.activityId}`}>
                  <p className="font-medium">{e.title}</p>
                  <p className="text-xs text-gray-500">
                    {fmtTime(e.startsAt)} · {e.checkedInAt ? t("checkedIn") : t(`enrolStatus.${e.status === "cancelled" ? "cancelled" : "enrolled"}`)}
                  </p>
                  {e.cancellable && (
                    <ActionForm action={meCancelEnrolmentAction} className="mt-1">
                      <input type="hidden" name="activityId" value={e.activityId} />
                      <button className="rounded-md px-3 py-1 text-sm text-red-800 ring-1 ring-red-200" data-testid={`me-cancel-${e.activityId}`}>
                        {t("cancel")}
                      </button>
                    </ActionForm>
                  )}
                </li>
              ))}
            </ul>
          )}
          {enrols.pages > 1 && <Pager page={enrols.page} pages={enrols.pages} total={enrols.total} href={href("ep", "enrolments")} testId="me-enrolments-pager" />}
        </MeSection>

        <MeSection title={t("redemptions")} id="redemptions">
          {redemptions.length === 0 ? (
            <p className="text-sm text-gray-500">{t("redemptionsEmpty")}</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="me-redemptions">
              {redemptions.map((r) => (
                <li key={r.id} className="flex justify-between gap-2 py-2">
                  <span>
                    {r.reward} <span className="text-xs text-gray-500">−{r.points}</span>
                    <span className="block text-xs text-gray-500">{t(`redemptionStatus.${r.status}`)}</span>
                  </span>
                  {r.status === "redeemed" && (
                    <span className="text-right">
                      <span className="block text-xs text-gray-500">{t("pickupCode")}</span>
                      <span className="font-mono text-lg font-bold tracking-widest">{r.pickupCode}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </MeSection>

        <MeSection title={t("certificates")} id="certificates">
          {certs.length === 0 ? (
            <p className="text-sm text-gray-500">{t("certificatesEmpty")}</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="me-certificates">
              {certs.map((c) => (
                <li key={c.id} className="py-2">
                  <p>{t("certificateLine", { number: c.number, hours: hoursText(c.hours), issuer: c.issuerName })}</p>
                  <p className="mt-1 flex gap-3 text-sm">
                    <a href={`/api/v1/me/certificates/${c.id}/pdf`} className="text-red-800 underline" data-testid={`me-cert-pdf-${c.id}`}>
                      {t("download")}
                    </a>
                    <Link href={c.verifyUrl} className="text-red-800 underline">
                      {t("verify")}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </MeSection>

        <MeSection title={t("settings")} id="settings">
          <dl className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs text-gray-500">{t("phone")}</dt>
              <dd data-testid="me-phone-shown">{s.phone}</dd>
            </div>
            <div>
              <dt className="text-xs text-gray-500">{t("idCard")}</dt>
              <dd data-testid="me-idcard-shown">{s.idCard}</dd>
            </div>
          </dl>
          <ActionForm action={meIntentionsAction} className="mt-4 space-y-2">
            <fieldset>
              <legend className="text-sm font-semibold text-gray-700">{t("intentions")}</legend>
              <div className="mt-1 grid grid-cols-2 gap-1 text-sm">
                {SECTOR_KEYS.map((k) => (
                  <label key={k} className="flex items-center gap-2">
                    <input type="checkbox" name="sectors" value={k} defaultChecked={s.sectorIntentions.includes(k)} className="rounded border-gray-300" data-testid={`me-sector-${k}`} />
                    {tSector(k)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button className="w-full rounded-md bg-white py-2 text-red-800 ring-1 ring-red-200" data-testid="me-save-intentions">
              {t("saveIntentions")}
            </button>
          </ActionForm>
          <div className="mt-4 space-y-2 border-t border-gray-100 pt-3">
            <h3 className="text-sm font-semibold text-gray-700">{t("changePhone")}</h3>
            <ActionForm action={mePhoneCodeAction} className="space-y-2">
              <label className="block text-sm">
                <span className="text-gray-700">{t("newPhone")}</span>
                <input name="phone" required inputMode="numeric" autoComplete="tel" className={input} data-testid="me-new-phone" />
              </label>
              <button className="w-full rounded-md bg-white py-2 text-red-800 ring-1 ring-red-200" data-testid="me-new-phone-code">
                {t("sendPhoneCode")}
              </button>
            </ActionForm>
            <ActionForm action={mePhoneConfirmAction} className="space-y-2">
              <label className="block text-sm">
                <span className="text-gray-700">{t("newPhone")}</span>
                <input name="phone" required inputMode="numeric" autoComplete="tel" className={input} data-testid="me-new-phone-confirm" />
              </label>
              <label className="block text-sm">
                <span className="text-gray-700">{t("phoneCode")}</span>
                <input name="code" required inputMode="numeric" maxLength={6} className={input} data-testid="me-new-phone-code-input" />
              </label>
              <button className="w-full rounded-md bg-red-800 py-2 text-white" data-testid="me-change-phone">
                {t("changePhone")}
              </button>
            </ActionForm>
          </div>
        </MeSection>
      </div>
    </main>
  );
}
