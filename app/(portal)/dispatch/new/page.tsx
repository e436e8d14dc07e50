import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RequestForm } from "@/components/dispatch/RequestForm";
import { requireArea } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["dispatch.new.title", "dispatch.title"]);

/** Street or 文明办 staff enter a need received by phone; it opens on the board (source "phone"). */
export default async function NewDemandPage() {
  const user = await requireArea("dispatch");
  if (user.role !== "street_officer" && user.role !== "wmb_staff") notFound();
  const t = await getTranslations("dispatch");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/dispatch" className="text-sm text-red-700 underline">
        {t("detail.back")}
      </Link>
      <h1 className="text-2xl font-semibold text-gray-900">{t("new.title")}</h1>
      <p className="text-sm text-gray-600">{t("new.intro")}</p>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <RequestForm mode="staff" root={user.scopeCode.length >= 12 ? user.scopeCode.slice(0, 9) : user.scopeCode} />
      </div>
    </div>
  );
}
