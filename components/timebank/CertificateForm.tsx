import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/session";
import { issueCertificateAction } from "@/lib/certificates/actions";
import { issuerOffice } from "@/lib/certificates/service";
import { today } from "@/lib/metrics/clock";

/**
 * Issuing a 志愿服务记录证明 for one volunteer: the period, the handler and a contact phone. The
 * issuing office is shown, not asked: it is the signed-in account's own (its scope or organization).
 */
export async function CertificateForm({ user, volunteerId }: { user: CurrentUser; volunteerId: number }) {
  const [t, tv] = await Promise.all([getTranslations("timebank.certificate"), getTranslations("verify.form")]);
  const office = await issuerOffice(await getDb(), user);
  const end = today();
  const field = "mt-1 block w-full rounded border-gray-300 text-sm";
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
      <h2 className="font-medium text-gray-900">{t("title")}</h2>
      <p className="text-xs text-gray-500">{t("hint")}</p>
      {!office ? (
        <p className="mt-2 text-sm text-amber-800">{tv("noIssuer")}</p>
      ) : (
        <form action={issueCertificateAction} className="mt-2 grid gap-3 sm:grid-cols-3" data-testid="certificate-form">
          <input type="hidden" name="volunteerId" value={volunteerId} />
          <label className="text-sm">
            <span className="text-gray-600">{t("from")}</span>
            <input type="date" name="from" required defaultValue={`${end.slice(0, 4)}-01-01`} className={field} data-testid="cert-from" />
          </label>
          <label className="text-sm">
            <span className="text-gray-600">{t("to")}</span>
            <input type="date" name="to" required defaultValue={end} className={field} data-testid="cert-to" />
          </label>
          <div className="text-sm">
            <span className="text-gray-600">{tv("issuer")}</span>
            <p className="mt-1 rounded bg-gray-50 px-3 py-2 text-gray-900 ring-1 ring-gray-200" data-testid="cert-issuer">
              {office}
            </p>
            <span className="text-xs text-gray-500">{tv("issuerNote")}</span>
          </div>
          <label className="text-sm">
            <span className="text-gray-600">{t("handler")}</span>
            <input name="handler" required defaultValue={user.displayName} className={field} data-testid="cert-handler" />
          </label>
          <label className="text-sm">
            <span className="text-gray-600">{t("contact")}</span>
            <input name="contact" className={field} data-testid="cert-contact" />
          </label>
          <div className="flex items-end">
            <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="cert-submit">
              {t("issue")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
