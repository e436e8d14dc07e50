import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/LocaleSwitch";
import { RequestForm } from "@/components/dispatch/RequestForm";
import { pageTitle } from "@/lib/i18n/title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => pageTitle(["dispatch.request.title"]);

/** 点单 — the public, phone-first page where a resident, community or unit posts a need. No account needed. */
export default async function RequestPage() {
  const t = await getTranslations("dispatch");
  const tApp = await getTranslations("app");
  const tHeader = await getTranslations("header");
  const locale = await getLocale();
  return (
    <main className="min-h-screen bg-gradient-to-b from-red-800 to-red-950 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto w-full max-w-xl rounded-xl bg-white p-4 shadow-xl sm:p-8" data-testid="request-page">
        <header className="mb-4 text-center">
          <p className="text-sm text-red-700">{tApp("city")}</p>
          <h1 className="mt-1 text-2xl font-bold text-gray-900">{t("request.title")}</h1>
          <p className="mt-1 text-sm text-gray-500">{t("request.subtitle")}</p>
        </header>
        <p className="mb-4 text-sm text-gray-700">{t("request.intro")}</p>
        <RequestForm mode="public" root="3702" />
        <p className="mt-6 rounded-md bg-gray-50 p-3 text-xs text-gray-600">{t("request.privacy")}</p>
        <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
          <LocaleSwitch current={locale} label={tHeader("language")} />
          <Link href="/request/follow" className="text-sm text-red-700 underline" data-testid="request-follow-nav">
            {t("request.followLink")}
          </Link>
          <Link href="/login" className="text-xs text-gray-500 underline">
            {t("request.staffLogin")}
          </Link>
        </div>
      </div>
    </main>
  );
}
