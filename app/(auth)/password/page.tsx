import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PasswordForm } from "@/components/admin/PasswordForm";
import { getCurrentUser } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => pageTitle(["password.title"]);

/** Change one's own password; users whose password was reset or has expired are sent here. */
export default async function PasswordPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=/password");
  const t = await getTranslations("password");
  return (
    <main className="flex min-h-screen items-center justify-center bg-gray-100 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mb-4 mt-1 text-sm text-gray-600">{user.mustChangePassword ? t("required") : t("optional")}</p>
        <PasswordForm labels={{ current: t("current"), next: t("next"), confirm: t("confirm"), submit: t("submit"), done: t("done"), rules: t("rules") }} />
      </div>
    </main>
  );
}
