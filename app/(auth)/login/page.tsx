import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/LoginForm";
import { LocaleSwitch } from "@/components/shell/LocaleSwitch";
import { safeCallbackPath } from "@/lib/auth/rules";
import { getCurrentUser } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => pageTitle(["login.submit"]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl, "/");
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations("login");
  const tApp = await getTranslations("app");
  const tHeader = await getTranslations("header");
  const locale = await getLocale();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-red-800 to-red-950 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-xl sm:p-8">
        <div className="mb-6 text-center">
          <p className="text-sm text-red-700">{tApp("city")}</p>
          <h1 className="mt-1 text-2xl font-bold text-gray-900">{t("title")}</h1>
          <p className="mt-1 text-sm text-gray-500">{t("subtitle")}</p>
        </div>
        <LoginForm callbackUrl={callbackUrl} />
        <div className="mt-6 flex justify-center">
          <LocaleSwitch current={locale} label={tHeader("language")} />
        </div>
      </div>
    </main>
  );
}
