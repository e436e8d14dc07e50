import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { one } from "@/lib/search-params";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { requirePage } from "@/lib/auth/session";
import { getCertificate } from "@/lib/certificates/service";
import { verifyPath } from "@/lib/certificates/verify";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["timebank.nav.certificates", "timebank.nav.title"]);

/**
 * 证明查验 for staff — by number, certificates issued to volunteers in the user's own scope (full
 * details). Anything else needs the verification code and goes to the public check, which shows
 * only what the certificate prints: a number alone reveals nobody outside one's own area.
 */
export default async function CertificateCheckPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, db } = await requirePage("timebank");
  const q = await searchParams;
  const [t, tv] = await Promise.all([getTranslations("timebank.check"), getTranslations("verify")]);
  const number = one(q.number)?.trim().toUpperCase() ?? "";
  const code = one(q.code)?.trim() ?? "";
  const c = number ? await getCertificate(db, actor, { number }) : null;
  return (
    <div className="space-y-4">
      <TimebankNav active="certificates" />
      <form method="get" className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100">
        <label className="text-sm">
          <span className="block text-gray-600">{t("label")}</span>
          <input name="number" defaultValue={number} placeholder="QDZY-2026-000001" className="mt-1 w-64 rounded border-gray-300 text-sm" data-testid="check-number" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{tv("lookup.codeOptional")}</span>
          <input name="code" defaultValue={code} autoComplete="off" className="mt-1 w-48 rounded border-gray-300 text-sm" data-testid="check-code" />
        </label>
        <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="check-submit">
          {t("submit")}
        </button>
      </form>
      {number && !c && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="check-none">
          {tv("lookup.outOfScope", { number })}
          {code && (
            <Link href={verifyPath(number, code)} className="ml-2 text-red-800 underline" data-testid="check-public">
              {tv("submit")}
            </Link>
          )}
        </p>
      )}
      {c && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="check-result">
          <p className="text-green-700">✓ {t("valid")}</p>
          <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            <div>
              <dt className="inline">{t("number")}：</dt>
              <dd className="inline">{c.number}</dd>
            </div>
            <div>
              <dt className="inline">{t("name")}：</dt>
              <dd className="inline">{c.content.name}</dd>
            </div>
            <div>
              <dt className="inline">{t("id")}：</dt>
              <dd className="inline">{c.content.idMasked}</dd>
            </div>
            <div>
              <dt className="inline">{t("period")}：</dt>
              <dd className="inline">
                {c.periodFrom} – {c.periodTo}
              </dd>
            </div>
            <div>
              <dt className="inline">{t("hours")}：</dt>
              <dd className="inline">{Number(c.hours)}</dd>
            </div>
            <div>
              <dt className="inline">{t("issuer")}：</dt>
              <dd className="inline">{c.issuerName}</dd>
            </div>
            <div>
              <dt className="inline">{t("issued")}：</dt>
              <dd className="inline">{c.content.issuedOn}</dd>
            </div>
          </dl>
          <Link href={`/timebank/certificates/${c.id}`} className="mt-2 inline-block text-sm text-red-800 underline">
            {t("open")}
          </Link>
        </section>
      )}
    </div>
  );
}
