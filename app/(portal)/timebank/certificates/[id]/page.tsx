import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { getCertificate } from "@/lib/certificates/service";

/** 志愿服务记录证明 — the printable page (the same snapshot as the PDF). */
export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("timebank");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const c = await getCertificate(await getDb(), user.scopeCode, id);
  if (!c) notFound();
  const t = await getTranslations("timebank.cert");
  const x = c.content;
  return (
    <div className="space-y-3">
      <div className="flex gap-2 print:hidden">
        <a href={`/api/v1/certificates/${c.id}/pdf`} className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="cert-pdf">
          {t("pdf")}
        </a>
        <a href={`/timebank/volunteers/${c.volunteerId}`} className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-300">
          {t("back")}
        </a>
        <span className="self-center text-xs text-gray-500">{t("printHint")}</span>
      </div>
      <article className="mx-auto max-w-2xl bg-white p-10 shadow-sm ring-1 ring-gray-200 print:shadow-none print:ring-0" data-testid="certificate">
        <h1 className="text-center text-2xl font-bold tracking-widest">{t("title")}</h1>
        <p className="mt-2 text-right text-xs text-gray-600" data-testid="cert-number">
          {t("number")}：{x.number}
        </p>
        <dl className="mt-6 space-y-2 text-sm leading-relaxed">
          <div>{t("name")}：<span data-testid="cert-name">{x.name}</span></div>
          <div>{t("idType")}：{x.idType}　{t("idNumber")}：<span data-testid="cert-id">{x.idMasked}</span></div>
          <div>{t("volunteerNo")}：{x.volunteerNo}</div>
          <div>{t("period")}：{x.periodFrom} {t("to")} {x.periodTo}</div>
          <div>{t("hours")}：<span data-testid="cert-hours">{x.hours}</span> {t("hoursUnit", { n: x.records })}</div>
          <div>{t("organizations")}：{x.organizations.length ? x.organizations.join("、") : "—"}</div>
        </dl>
        <h2 className="mt-4 text-sm font-medium">{t("content")}</h2>
        {x.activities.length === 0 ? (
          <p className="text-sm text-gray-500">{t("noRecords")}</p>
        ) : (
          <ul className="mt-1 space-y-0.5 text-sm">
            {x.activities.map((a, i) => (
              <li key={i}>
                · {a.date} {a.title}（{a.organization}） {a.hours} h
              </li>
            ))}
            {x.moreActivities > 0 && <li>{t("more", { n: x.moreActivities })}</li>}
          </ul>
        )}
        <p className="mt-6 text-sm">{t("statement")}</p>
        <dl className="mt-8 space-y-1 text-sm">
          <div>{t("issuer")}：{x.issuer}</div>
          <div>{t("handler")}：{x.handler}　{t("contact")}：{x.contact ?? "—"}</div>
          <div>{t("date")}：{x.issuedOn}</div>
        </dl>
      </article>
    </div>
  );
}
