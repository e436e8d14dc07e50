import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { fmtTime } from "@/lib/format";
import { one } from "@/lib/search-params";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { Stars } from "@/components/volunteers/Stars";
import { checkInAction, enrolAction, enterHoursAction, outcomeAction, statusAction } from "@/lib/activities/actions";
import { getActivity, searchVolunteers } from "@/lib/activities/queries";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { cstDate } from "@/lib/metrics/rollup";
import { canReview } from "@/lib/service-hours/review";
import { activityEnded, defaultHours, requestTime } from "@/lib/service-hours/rules";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => pageTitle(["activities.detail.pageTitle", "activities.nav.title"], { id: (await params).id.replace(/\D/g, "").slice(0, 10) });

/** One activity: enrol, check in, enter hours (one screen), record the outcome. */
export default async function ActivityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("service-hours");
  const { id: raw } = await params;
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const q = await searchParams;
  const a = await getActivity(db, user, { id });
  if (!a) notFound();
  const t = await getTranslations("activities");
  const write = canWrite(user.role);
  const term = one(q.q)?.trim() ?? "";
  const found = write && term ? await searchVolunteers(db, user, { q: term }) : [];
  const enrolledIds = new Set(a.enrolments.map((e) => e.volunteerId));
  const okKey = one(q.ok);
  const dflt = defaultHours(a.startsAt, a.endsAt);
  const day = cstDate(a.startsAt);
  const field = "rounded border-gray-300 text-sm";
  // Hours are entered once the activity is over (the same rule the entry refuses with).
  const ended = activityEnded(a.endsAt, await requestTime()).ok;
  /** A volunteer whose hours can still be entered: the activity is over, and no record yet or only a rejected one. */
  const open = (e: { recordStatus: string | null }) => ended && (!e.recordStatus || e.recordStatus === "rejected");
  return (
    <div className="space-y-4" data-testid="activity-page">
      <ActivitiesNav active="list" canCreate={write} canReview={canReview(user.role)} />
      <ActionNotice ok={okKey} okText={okKey ? t(`ok.${okKey}` as "ok.created", { n: one(q.n) ?? "" }) : undefined} />
      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold text-gray-900" data-testid="activity-title">
            {a.title}
          </h2>
          <span className="rounded bg-gray-100 px-2 py-0.5 text-xs" data-testid="activity-status">
            {t(`status.${a.status}`)}
          </span>
          <span className="text-xs text-gray-500">{t(`sector.${a.sector}`)}</span>
        </div>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-gray-500">{t("detail.place")}：</dt>
            <dd className="inline">
              {a.streetName} · {a.regionName} {a.address}
            </dd>
          </div>
          <div>
            <dt className="inline text-gray-500">{t("detail.time")}：</dt>
            <dd className="inline">
              {fmtTime(a.startsAt)} – {fmtTime(a.endsAt)}（{t("detail.hours", { h: a.spanHours })}）
            </dd>
          </div>
          <div>
            <dt className="inline text-gray-500">{t("detail.organization")}：</dt>
            <dd className="inline">{a.organizationName}</dd>
          </div>
          <div>
            <dt className="inline text-gray-500">{t("detail.project")}：</dt>
            <dd className="inline">{a.projectName ?? "—"}</dd>
          </div>
          <div>
            <dt className="inline text-gray-500">{t("detail.capacity")}：</dt>
            <dd className="inline" data-testid="activity-enrolled">
              {a.enrolments.length}/{a.capacity}
            </dd>
          </div>
          <div>
            <dt className="inline text-gray-500">{t("detail.outcome")}：</dt>
            <dd className="inline" data-testid="activity-outcome">
              {a.status === "completed" ? t("detail.outcomeValue", { served: a.peopleServed ?? 0, solved: a.problemsSolved ?? 0 }) : "—"}
            </dd>
          </div>
          {a.requirements && (
            <div className="sm:col-span-2">
              <dt className="inline text-gray-500">{t("detail.requirements")}：</dt>
              <dd className="inline">{a.requirements}</dd>
            </div>
          )}
        </dl>
        {write && (a.status === "open" || a.status === "closed") && (
          <ActionForm action={statusAction} className="mt-3 flex gap-2">
            <input type="hidden" name="activityId" value={a.id} />
            {a.status === "open" ? (
              <button name="to" value="closed" className="rounded-md bg-white px-3 py-1 text-sm ring-1 ring-gray-300">
                {t("detail.close")}
              </button>
            ) : (
              <button name="to" value="open" className="rounded-md bg-white px-3 py-1 text-sm ring-1 ring-gray-300">
                {t("detail.reopen")}
              </button>
            )}
            <button name="to" value="cancelled" className="rounded-md bg-white px-3 py-1 text-sm text-red-800 ring-1 ring-red-200">
              {t("detail.cancel")}
            </button>
          </ActionForm>
        )}
      </section>

      {write && a.status === "open" && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="enrol-section">
          <h3 className="font-medium text-gray-900">{t("enrol.title")}</h3>
          <form method="get" className="mt-2 flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="block text-gray-600">{t("enrol.search")}</span>
              <input name="q" defaultValue={term} className={`${field} mt-1 w-64`} placeholder={t("enrol.placeholder")} data-testid="enrol-q" />
            </label>
            <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-300" data-testid="enrol-search">
              {t("enrol.find")}
            </button>
          </form>
          {term && found.length === 0 && <p className="mt-2 text-sm text-gray-500">{t("enrol.none")}</p>}
          {found.length > 0 && (
            <ActionForm action={enrolAction} className="mt-3 space-y-2" testId="enrol-results">
              <input type="hidden" name="activityId" value={a.id} />
              <ul className="divide-y divide-gray-100 text-sm">
                {found.map((v) => (
                  <li key={v.id} className="flex items-center gap-2 py-1">
                    <input type="checkbox" id={`pick-${v.id}`} name="volunteerId" value={v.id} disabled={enrolledIds.has(v.id)} defaultChecked={!enrolledIds.has(v.id) && found.length === 1} data-testid={`pick-${v.id}`} />
                    <label htmlFor={`pick-${v.id}`}>
                      {v.name} · {v.volunteerNo} · {t("enrol.phoneTail", { d: v.phoneLast4 })} · {v.communityName}
                      {enrolledIds.has(v.id) && <span className="ml-2 text-xs text-gray-500">{t("enrol.already")}</span>}
                    </label>
                  </li>
                ))}
              </ul>
              <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="enrol-submit">
                {t("enrol.add")}
              </button>
            </ActionForm>
          )}
        </section>
      )}

      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="roster">
        <h3 className="font-medium text-gray-900">{t("roster.title", { n: a.enrolments.length })}</h3>
        {a.enrolments.length === 0 ? (
          <p className="mt-2 text-sm text-gray-500" data-testid="roster-empty">
            {t("roster.empty")}
          </p>
        ) : (
          <>
            <ActionForm id="checkin-form" action={checkInAction}>
              <input type="hidden" name="activityId" value={a.id} />
            </ActionForm>
            <ActionForm id="hours-form" action={enterHoursAction}>
              <input type="hidden" name="activityId" value={a.id} />
            </ActionForm>
            {ended ? (
              <p className="mt-1 text-xs text-gray-500">{t("roster.hint", { h: dflt })}</p>
            ) : (
              write && (
                <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="hours-not-ended">
                  {t("roster.notEnded", { at: fmtTime(a.endsAt) })}
                </p>
              )
            )}
            <div className="mt-2">
              <DataTable
                dense
                rows={a.enrolments}
                rowKey={(e) => e.volunteerId}
                rowTestId={(e) => `roster-${e.volunteerId}`}
                caption={t("roster.title", { n: a.enrolments.length })}
                captionHidden
                columns={[
                  {
                    key: "pick",
                    header: t("roster.pick"),
                    cell: (e) => open(e) && write && <input type="checkbox" form="hours-form" name="volunteerId" value={e.volunteerId} defaultChecked aria-label={t("roster.pickOne", { name: e.name })} data-testid={`hours-pick-${e.volunteerId}`} />,
                  },
                  {
                    key: "name",
                    header: t("roster.name"),
                    cell: (e) => (
                      <>
                        <Link href={`/timebank/volunteers/${e.volunteerId}`} className="text-red-800 hover:underline">
                          {e.name}
                        </Link>
                        <span className="ml-1 text-xs text-gray-500">{e.volunteerNo}</span>
                      </>
                    ),
                  },
                  { key: "star", header: t("roster.star"), cell: (e) => <Stars n={e.starLevel} label={t("roster.stars", { n: e.starLevel, h: e.verifiedHours })} /> },
                  {
                    key: "checkIn",
                    header: t("roster.checkIn"),
                    cell: (e) =>
                      e.checkedInAt ? (
                        <span className="text-green-700" data-testid={`checked-${e.volunteerId}`}>
                          ✓ {fmtTime(e.checkedInAt).slice(-5)}
                        </span>
                      ) : write ? (
                        <button form="checkin-form" name="volunteerId" value={e.volunteerId} className="rounded bg-white px-2 py-0.5 text-xs ring-1 ring-gray-300" data-testid={`checkin-${e.volunteerId}`}>
                          {t("roster.doCheckIn")}
                        </button>
                      ) : (
                        "—"
                      ),
                  },
                  {
                    key: "hours",
                    header: t("roster.hours"),
                    cell: (e) =>
                      open(e) && write ? (
                        <input type="number" form="hours-form" name={`hours-${e.volunteerId}`} defaultValue={dflt} min={0.01} max={dflt} step={0.01} required className={`${field} w-24`} aria-label={t("roster.hoursFor", { name: e.name })} data-testid={`hours-${e.volunteerId}`} />
                      ) : (
                        (e.recordHours ?? "—")
                      ),
                  },
                  {
                    key: "date",
                    header: t("roster.date"),
                    cell: (e) => (open(e) && write ? <input type="date" form="hours-form" name={`date-${e.volunteerId}`} defaultValue={day} min={day} max={cstDate(a.endsAt)} className={field} aria-label={t("roster.dateFor", { name: e.name })} /> : null),
                  },
                  {
                    key: "noCheckIn",
                    header: t("roster.noCheckIn"),
                    cell: (e) =>
                      open(e) && write && !e.checkedInAt ? (
                        <input
                          form="hours-form"
                          name={`nocheckin-${e.volunteerId}`}
                          maxLength={200}
                          placeholder={t("roster.noCheckInPlaceholder")}
                          className={`${field} w-48`}
                          aria-label={t("roster.noCheckInFor", { name: e.name })}
                          data-testid={`nocheckin-${e.volunteerId}`}
                        />
                      ) : null,
                  },
                  {
                    key: "record",
                    header: t("roster.record"),
                    cell: (e) => (
                      <span data-testid={`record-${e.volunteerId}`}>
                        {e.recordStatus ? t(`record.${e.recordStatus}` as "record.pending") : t("record.none")}
                        {e.recordStatus === "rejected" && e.rejectReason && <span className="ml-1 text-xs text-gray-500">（{e.rejectReason}）</span>}
                      </span>
                    ),
                  },
                ]}
              />
            </div>
            {write && a.enrolments.some(open) && (
              <button form="hours-form" className="mt-3 rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="hours-submit">
                {t("roster.submitHours")}
              </button>
            )}
          </>
        )}
      </section>

      {write && a.status !== "cancelled" && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <h3 className="font-medium text-gray-900">{t("outcome.title")}</h3>
          <p className="text-xs text-gray-500">{t("outcome.hint")}</p>
          <ActionForm action={outcomeAction} className="mt-2 flex flex-wrap items-end gap-3" testId="outcome-form">
            <input type="hidden" name="activityId" value={a.id} />
            <input type="hidden" name="version" value={a.version} />
            <label className="text-sm">
              <span className="block text-gray-600">{t("outcome.served")}</span>
              <input type="number" name="peopleServed" min={0} required defaultValue={a.peopleServed ?? ""} className={`${field} mt-1 w-32`} data-testid="outcome-served" />
            </label>
            <label className="text-sm">
              <span className="block text-gray-600">{t("outcome.solved")}</span>
              <input type="number" name="problemsSolved" min={0} required defaultValue={a.problemsSolved ?? ""} className={`${field} mt-1 w-32`} data-testid="outcome-solved" />
            </label>
            <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="outcome-submit">
              {a.status === "completed" ? t("outcome.correct") : t("outcome.complete")}
            </button>
          </ActionForm>
        </section>
      )}
    </div>
  );
}
