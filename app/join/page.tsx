import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/LocaleSwitch";
import { RegisterForm } from "@/components/volunteers/RegisterForm";
import { today } from "@/lib/metrics/clock";

export const dynamic = "force-dynamic";
export const metadata = { title: "志愿者报名" };

/**
 * 加入志愿者 — the public, phone-first registration page. No account needed; it reads nothing about
 * anyone: the region and organization pickers load public names only, and the answer to a
 * submission is about that submission alone.
 */
export default async function JoinPage() {
  const t = await getTranslations("volunteers");
  const tApp = await getTranslations("app");
  const tHeader = await getTranslations("header");
  const locale = await getLocale();
  return (
    <main className="min-h-screen bg-gradient-to-b from-red-800 to-red-950 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto w-full max-w-xl rounded-xl bg-white p-4 shadow-xl sm:p-8" data-testid="join-page">
        <header className="mb-4 text-center">
          <p className="text-sm text-red-700">{tApp("city")}</p>
          <h1 className="mt-1 text-2xl font-bold text-gray-900">{t("join.title")}</h1>
          <p className="mt-1 text-sm text-gray-500">{t("join.subtitle")}</p>
        </header>
        <p className="mb-4 text-sm text-gray-700">{t("join.intro")}</p>
        <RegisterForm mode="public" root="3702" today={today()} />
        <p className="mt-6 rounded-md bg-gray-50 p-3 text-xs text-gray-600">{t("join.privacy")}</p>
        <div className="mt-4 flex items-center justify-between">
          <LocaleSwitch current={locale} label={tHeader("language")} />
          <Link href="/login" className="text-xs text-gray-500 underline">
            {t("join.staffLogin")}
          </Link>
        </div>
      </div>
    </main>
  );
}
