import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { requirePage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { chineseDate, hoursText } from "@/lib/certificates/rules";
import { getCertificate } from "@/lib/certificates/service";
import { printedCode, publicOrigin, verifyPath } from "@/lib/certificates/verify";

export const metadata = { title: "志愿服务记录证明" };

/** 志愿服务记录证明 — the printable page (the same snapshot as the PDF, with the QR code of the public check). */
export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePage("timebank");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const c = await getCertificate(db, actor, { id });
  if (!c) notFound();
  const [t, tv] = await Promise.all([getTranslations("timebank.cert"), getTranslations("verify.cert")]);
  const x = c.content;
  const h = await headers();
  const url = publicOrigin(`${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`, env().NEXTAUTH_URL) + verifyPath(c.number, c.verifyCode);
  const qr = await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  const cell = "border border-gray-400 px-2 py-1";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2 print:hidden">
        <a href={`/api/v1/certificates/${c.id}/pdf`} className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="cert-pdf">
          {t("pdf")}
        </a>
        <a href={`/timebank/volunteers/${c.volunteerId}`} className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-300">
          {t("back")}
        </a>
        <span className="self-center text-xs text-gray-500">{t("printHint")}</span>
      </div>
      <article className="mx-auto max-w-3xl border-4 border-double border-red-800 bg-white p-6 sm:p-10 print:shadow-none" data-testid="certificate">
        <h1 className="text-center text-2xl font-bold tracking-[0.4em] text-red-800 sm:text-3xl">{t("title")}</h1>
        <p className="mt-4 flex flex-wrap justify-between gap-2 text-xs text-gray-600">
          <span data-testid="cert-number">
            {t("number")}：{x.number}
          </span>
          <span data-testid="cert-code">
            {tv("code")}：{printedCode(c.verifyCode)}
          </span>
        </p>
        <p className="mt-6 indent-8 text-sm leading-relaxed">
          {tv.rich("statementLead", {
            name: x.name,
            idType: x.idType,
            id: x.idMasked,
            no: x.volunteerNo,
            from: chineseDate(x.periodFrom),
            to: chineseDate(x.periodTo),
            holder: (chunks) => <span data-testid="cert-name">{chunks}</span>,
            idno: (chunks) => <span data-testid="cert-id">{chunks}</span>,
          })}
        </p>
        <p className="mt-4 flex items-baseline justify-between rounded border border-red-800 bg-red-50 px-4 py-3">
          <span className="text-sm text-gray-600">{tv("certified")}</span>
          <span className="text-2xl font-bold text-red-800">
            <span data-testid="cert-hours">{hoursText(x.hours)}</span> {tv("hoursUnit")}
          </span>
          <span className="text-xs text-gray-600">{t("hoursUnit", { n: x.records })}</span>
        </p>
        <p className="mt-3 text-sm">
          {t("organizations")}：{x.organizations.length ? x.organizations.join("、") : "—"}
        </p>
        {x.summary && x.summary.length > 0 ? (
          <>
            <h2 className="mt-4 text-sm font-medium">{tv("summary", { n: x.records })}</h2>
            <div className="overflow-x-auto">
              <table className="mt-1 w-full border-collapse text-xs">
                <thead className="bg-gray-100">
                  <tr>
                    <th className={cell}>{tv("year")}</th>
                    <th className={cell}>{tv("organization")}</th>
                    <th className={cell}>{tv("span")}</th>
                    <th className={cell}>{tv("count")}</th>
                    <th className={cell}>{tv("hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {x.summary.map((s) => (
                    <tr key={`${s.year}-${s.organization}`}>
                      <td className={`${cell} text-center`}>{s.year}</td>
                      <td className={cell}>{s.organization}</td>
                      <td className={`${cell} text-center`}>
                        {s.from.slice(5)} – {s.to.slice(5)}
                      </td>
                      <td className={`${cell} text-right`}>{s.records}</td>
                      <td className={`${cell} text-right`}>{hoursText(s.hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : x.activities.length === 0 ? (
          <p className="mt-4 text-sm text-gray-500">{t("noRecords")}</p>
        ) : (
          <>
            <h2 className="mt-4 text-sm font-medium">{tv("records", { n: x.records })}</h2>
            <div className="overflow-x-auto">
              <table className="mt-1 w-full border-collapse text-xs">
                <thead className="bg-gray-100">
                  <tr>
                    <th className={cell}>{tv("date")}</th>
                    <th className={cell}>{tv("activity")}</th>
                    <th className={cell}>{tv("organization")}</th>
                    <th className={cell}>{tv("hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {x.activities.map((a, i) => (
                    <tr key={i}>
                      <td className={`${cell} whitespace-nowrap text-center`}>{a.date}</td>
                      <td className={cell}>{a.title}</td>
                      <td className={cell}>{a.organization}</td>
                      <td className={`${cell} text-right`}>{hoursText(a.hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {x.moreActivities ? <p className="mt-1 text-xs text-gray-500">{t("more", { n: x.moreActivities })}</p> : null}
          </>
        )}
        <p className="mt-4 indent-8 text-sm">{tv("end")}</p>
        <div className="mt-8 flex flex-wrap items-end justify-between gap-6">
          <div className="text-center text-xs text-gray-600">
            <div className="mx-auto h-24 w-24" aria-label={tv("verifyTitle")} role="img" dangerouslySetInnerHTML={{ __html: qr }} />
            <p className="mt-1">
              {tv("code")} {printedCode(c.verifyCode)}
            </p>
          </div>
          <div className="relative text-right text-sm">
            <div aria-hidden className="absolute -top-24 right-6 flex h-24 w-24 items-center justify-center rounded-full border border-dashed border-red-300 text-xs text-red-300">
              {tv("seal")}
            </div>
            <p>
              {t("issuer")}：<span data-testid="cert-issuer-name">{x.issuer}</span>
            </p>
            <p className="mt-1">
              {t("date")}：{chineseDate(x.issuedOn)}
            </p>
          </div>
        </div>
        <p className="mt-6 text-xs text-gray-500">
          {t("handler")}：{x.handler}　{t("contact")}：{x.contact ?? "—"}
        </p>
        <p className="mt-2 break-all text-xs text-gray-500 print:hidden">
          {tv("verifyHint")}{" "}
          <a href={verifyPath(c.number, c.verifyCode)} className="text-red-800 underline" data-testid="cert-verify-link">
            {url}
          </a>
        </p>
      </article>
    </div>
  );
}
