import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { fmtTime } from "@/lib/format";
import { one } from "@/lib/search-params";
import { LocaleSwitch } from "@/components/shell/LocaleSwitch";
import { publicRedeemAction, publicSignupAction, requestCodeAction } from "@/lib/activities/public-actions";
import { findActivities } from "@/lib/activities/public";
import { ActionForm } from "@/components/ui/ActionForm";

export const dynamic = "force-dynamic";
export const metadata = { title: "找活动" };

/**
 * 找活动 — the public, phone-first page: open activities near a chosen street, sign up with the name
 * and phone of a registered volunteer, and redeem points (phone + one-time code). Shows no one's data.
 */
export default async function FindActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const t = await getTranslations("activities.public");
  const tSector = await getTranslations("activities.sector");
  const tHeader = await getTranslations("header");
  const locale = await getLocale();
  const { streets, street, list, rewards } = await findActivities({ street: one(q.street), now: new Date() });
  const okKey = one(q.ok);
  const input = "mt-1 block w-full rounded-md border-gray-300 text-base";
  return (
    <main className="min-h-screen bg-gray-50 px-3 py-4 sm:px-4 sm:py-8" id="top">
      <div className="mx-auto w-full max-w-xl space-y-4" data-testid="public-activities">
        <header className="rounded-xl bg-gradient-to-b from-red-800 to-red-900 p-4 text-white">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1 text-sm text-red-100">{t("subtitle")}</p>
        </header>
        <ActionNotice ok={okKey} okText={okKey ? t(`ok.${okKey}` as "ok.signed", { phone: one(q.phone) ?? "" }) : undefined} />
        {okKey === "redeemed" && one(q.pickup) && (
          <p className="rounded-lg bg-amber-50 p-4 text-center ring-1 ring-amber-200">
            <span className="block text-sm text-amber-800">{t("pickup")}</span>
            <span className="text-3xl font-bold tracking-widest" data-testid="public-pickup">
              {one(q.pickup)}
            </span>
          </p>
        )}
        <form method="get" className="rounded-xl bg-white p-4 shadow-sm">
          <label className="text-sm">
            <span className="text-gray-700">{t("street")}</span>
            <select name="street" defaultValue={street} className={input} data-testid="public-street">
              <option value="">{t("chooseStreet")}</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.district} · {s.name}
                </option>
              ))}
            </select>
          </label>
          <button className="mt-3 w-full rounded-md bg-red-800 py-2 text-white" data-testid="public-street-submit">
            {t("find")}
          </button>
        </form>

        {street && list.length === 0 && (
          <p className="rounded-xl bg-white p-6 text-center text-gray-600 shadow-sm" data-testid="public-empty">
            {t("empty")}
          </p>
        )}
        {list.map((a) => {
          const full = a.enrolled >= a.capacity;
          return (
            <article key={a.id} id={`a-${a.id}`} className="rounded-xl bg-white p-4 shadow-sm" data-testid={`public-activity-${a.id}`}>
              <h2 className="text-lg font-semibold text-gray-900">{a.title}</h2>
              <p className="text-xs text-gray-500">
                {tSector(a.sector)} · {a.organizationName}
              </p>
              <p className="mt-2 text-sm text-gray-700">
                {t("when")}：{fmtTime(a.startsAt)} – {fmtTime(a.endsAt).slice(-5)}
              </p>
              <p className="text-sm text-gray-700">
                {t("where")}：{a.regionName} {a.address}
              </p>
              <p className="text-sm text-gray-700">{t("places", { n: a.enrolled, cap: a.capacity })}</p>
              {a.requirements && <p className="mt-1 text-sm text-gray-600">{t("requirements", { r: a.requirements })}</p>}
              {full ? (
                <p className="mt-3 text-sm font-medium text-gray-500">{t("full")}</p>
              ) : (
                <details className="mt-3">
                  <summary className="cursor-pointer rounded-md bg-red-50 px-3 py-2 text-center text-red-800" data-testid={`signup-open-${a.id}`}>
                    {t("signUp")}
                  </summary>
                  <ActionForm action={publicSignupAction} className="mt-3 space-y-3">
                    <input type="hidden" name="street" value={street} />
                    <input type="hidden" name="activityId" value={a.id} />
                    <label className="block text-sm">
                      <span className="text-gray-700">{t("name")}</span>
                      <input name="name" required autoComplete="name" className={input} data-testid={`signup-name-${a.id}`} />
                    </label>
                    <label className="block text-sm">
                      <span className="text-gray-700">{t("phone")}</span>
                      <input name="phone" required inputMode="numeric" autoComplete="tel" className={input} data-testid={`signup-phone-${a.id}`} />
                    </label>
                    <button className="w-full rounded-md bg-red-800 py-2 text-white" data-testid={`signup-submit-${a.id}`}>
                      {t("confirm")}
                    </button>
                    <p className="text-xs text-gray-500">
                      {t("notRegistered")}{" "}
                      <Link href="/join" className="underline">
                        {t("join")}
                      </Link>
                    </p>
                  </ActionForm>
                </details>
              )}
            </article>
          );
        })}

        {street && (
          <section id="redeem" className="rounded-xl bg-white p-4 shadow-sm" data-testid="public-redeem">
            <h2 className="text-lg font-semibold text-gray-900">{t("redeemTitle")}</h2>
            <p className="text-sm text-gray-600">{t("redeemIntro")}</p>
            <ActionForm action={requestCodeAction} className="mt-3 space-y-2">
              <input type="hidden" name="street" value={street} />
              <label className="block text-sm">
                <span className="text-gray-700">{t("phone")}</span>
                <input name="phone" required inputMode="numeric" className={input} data-testid="code-phone" />
              </label>
              <button className="w-full rounded-md bg-white py-2 text-red-800 ring-1 ring-red-200" data-testid="code-request">
                {t("getCode")}
              </button>
            </ActionForm>
            {rewards.length === 0 ? (
              <p className="mt-3 text-sm text-gray-500">{t("noRewards")}</p>
            ) : (
              <ActionForm action={publicRedeemAction} className="mt-4 space-y-3 border-t border-gray-100 pt-3">
                <input type="hidden" name="street" value={street} />
                <input type="hidden" name="idempotencyKey" value={`pub-${randomUUID()}`} />
                <label className="block text-sm">
                  <span className="text-gray-700">{t("phone")}</span>
                  <input name="phone" required inputMode="numeric" className={input} data-testid="redeem-phone" />
                </label>
                <label className="block text-sm">
                  <span className="text-gray-700">{t("code")}</span>
                  <input name="code" required inputMode="numeric" maxLength={6} className={input} data-testid="redeem-code" />
                </label>
                <label className="block text-sm">
                  <span className="text-gray-700">{t("reward")}</span>
                  <select name="rewardId" className={input} data-testid="redeem-reward-public">
                    {rewards.map((r) => (
                      <option key={r.id} value={r.id}>
                        {t("rewardOption", { name: r.name, cost: r.cost, stock: r.stock })}
                      </option>
                    ))}
                  </select>
                </label>
                <button className="w-full rounded-md bg-red-800 py-2 text-white" data-testid="redeem-public-submit">
                  {t("redeem")}
                </button>
              </ActionForm>
            )}
          </section>
        )}
        <div className="flex items-center justify-between px-1">
          <LocaleSwitch current={locale} label={tHeader("language")} />
          <Link href="/login" className="text-xs text-gray-500 underline">
            {t("staffLogin")}
          </Link>
        </div>
      </div>
    </main>
  );
}
