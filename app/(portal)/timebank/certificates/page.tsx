import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { one } from "@/lib/search-params";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { findCertificate } from "@/lib/certificates/service";

/** 证明查验 — check a certificate by its number: what it printed when issued. */
export default async function CertificateCheckPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("timebank");
  const q = await searchParams;
  const t = await getTranslations("timebank.check");
  const number = one(q.number)?.trim() ?? "";
  const c = number ? await findCertificate(await getDb(), number) : null;
  return (
    <div className="space-y-4">
      <TimebankNav active="certificates" />
      <form method="get" className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100">
        <label className="text-sm">
          <span className="block text-gray-600">{t("label")}</span>
          <input name="number" defaultValue={number} placeholder="QDZY-2026-000001" className="mt-1 w-64 rounded border-gray-300 text-sm" data-testid="check-number" />
        </label>
        <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="check-submit">
          {t("submit")}
        </button>
      </form>
      {number && !c && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="check-none">
          {t("none", { number })}
        </p>
      )}
      {c && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="check-result">
          <p className="text-green-700">✓ {t("valid")}</p>
          <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            <div>{t("number")}：{c.number}</div>
            <div>{t("name")}：{c.content.name}</div>
            <div>{t("id")}：{c.content.idMasked}</div>
            <div>{t("period")}：{c.periodFrom} – {c.periodTo}</div>
            <div>{t("hours")}：{Number(c.hours)}</div>
            <div>{t("issuer")}：{c.issuerName}</div>
            <div>{t("issued")}：{c.content.issuedOn}</div>
          </dl>
          <Link href={`/timebank/certificates/${c.id}`} className="mt-2 inline-block text-sm text-red-800 underline">
            {t("open")}
          </Link>
        </section>
      )}
    </div>
  );
}
