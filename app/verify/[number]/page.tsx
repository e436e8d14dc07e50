import { getTranslations } from "next-intl/server";
import type { CheckedCertificate } from "@/lib/certificates/check";
import { checkFromPage } from "@/lib/certificates/public";
import { chineseDate, hoursText } from "@/lib/certificates/rules";

export const dynamic = "force-dynamic";
export const metadata = { title: "证明查验", robots: { index: false } };

/**
 * PUBLIC (no login), phone-first: /verify/{number}?code=… — what the QR code on a 志愿服务记录证明
 * opens. Number and code give the certificate's number, issue date, issuing office, the masked name
 * and the certified hours; an unknown number and a wrong code get the same answer. Rate-limited per
 * address, like GET /api/v1/certificates/check.
 */
export default async function VerifyPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("verify");
  const number = decodeURIComponent((await params).number).trim().toUpperCase().slice(0, 40);
  const q = await searchParams;
  const code = (typeof q.code === "string" ? q.code : "").trim().slice(0, 40);
  let result: CheckedCertificate | null = null;
  let limited: string | null = null;
  if (code) {
    const r = await checkFromPage({ number, code });
    if (r.status === "valid") result = r.certificate;
    if (r.status === "limited") limited = r.message;
  }
  return (
    <main className="min-h-screen bg-gradient-to-b from-red-800 to-red-950 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto w-full max-w-md rounded-xl bg-white p-4 shadow-xl sm:p-6" data-testid="verify-page">
        <h1 className="text-center text-xl font-bold text-gray-900">{t("title")}</h1>
        {result ? (
          <section className="mt-4" data-testid="verify-valid">
            <p className="rounded-md bg-green-50 p-3 text-center font-medium text-green-800 ring-1 ring-green-200">✓ {t("valid")}</p>
            <dl className="mt-4 divide-y divide-gray-100 text-base">
              {[
                [t("number"), result.number, "verify-number"],
                [t("holder"), result.holder, "verify-holder"],
                [t("hours"), t("hoursValue", { hours: hoursText(result.hours) }), "verify-hours"],
                [t("period"), `${chineseDate(result.periodFrom)} – ${chineseDate(result.periodTo)}`, "verify-period"],
                [t("issuer"), result.issuer, "verify-issuer"],
                [t("issued"), chineseDate(result.issuedOn), "verify-issued"],
              ].map(([label, value, id]) => (
                <div key={id} className="flex justify-between gap-4 py-2">
                  <dt className="shrink-0 text-gray-500">{label}</dt>
                  <dd className="text-right font-medium text-gray-900" data-testid={id}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-gray-500">{t("privacy")}</p>
          </section>
        ) : (
          <>
            {code && (
              <div role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200" data-testid="verify-none">
                <p className="font-medium">{limited ?? t("notFound")}</p>
                {!limited && <p className="mt-1 text-sm">{t("notFoundHint")}</p>}
              </div>
            )}
            <p className="mt-3 text-sm text-gray-600">{t("intro")}</p>
            <form method="get" action="/verify" className="mt-3 space-y-3">
              <label className="block text-sm">
                <span className="text-gray-700">{t("number")}</span>
                <input name="number" defaultValue={number} required placeholder="QDZY-2026-000001" autoCapitalize="characters" className="mt-1 block w-full rounded-md border-gray-300 text-base" data-testid="verify-number-input" />
              </label>
              <label className="block text-sm">
                <span className="text-gray-700">{t("code")}</span>
                <input name="code" defaultValue={code} required autoComplete="off" autoCapitalize="characters" className="mt-1 block w-full rounded-md border-gray-300 text-base tracking-widest" data-testid="verify-code-input" />
                <span className="text-xs text-gray-500">{t("codeHint")}</span>
              </label>
              <button className="w-full rounded-md bg-red-800 py-2.5 text-base font-medium text-white" data-testid="verify-submit">
                {t("submit")}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
