import { getTranslations } from "next-intl/server";
import { CertificateFormClient } from "@/components/timebank/CertificateFormClient";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { issueCertificateAction } from "@/lib/certificates/actions";
import { issuerOffice } from "@/lib/certificates/service";
import { today } from "@/lib/metrics/clock";

/**
 * Issuing a 志愿服务记录证明 for one volunteer: the period, the handler and a contact phone. The
 * issuing office is shown, not asked: it is the signed-in account's own (its scope or organization).
 */
export async function CertificateForm({ db, actor, handler, volunteerId }: { db: Db; actor: Actor; handler: string; volunteerId: number }) {
  const [t, tv] = await Promise.all([getTranslations("timebank.certificate"), getTranslations("verify.form")]);
  const office = await issuerOffice(db, actor);
  const end = today();
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
      <h2 className="font-medium text-gray-900">{t("title")}</h2>
      <p className="text-xs text-gray-500">{t("hint")}</p>
      {!office ? (
        <p className="mt-2 text-sm text-amber-800">{tv("noIssuer")}</p>
      ) : (
        <CertificateFormClient
          action={issueCertificateAction}
          volunteerId={volunteerId}
          office={office}
          handler={handler}
          from={`${end.slice(0, 4)}-01-01`}
          to={end}
          labels={{ from: t("from"), to: t("to"), issuer: tv("issuer"), issuerNote: tv("issuerNote"), handler: t("handler"), contact: t("contact"), issue: t("issue") }}
        />
      )}
    </section>
  );
}
