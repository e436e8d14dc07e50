import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/me/LoginForm";
import { meRequestCodeAction, meSignInAction } from "@/lib/me/actions";
import { getVolunteer } from "@/lib/auth/volunteer-session";

export const dynamic = "force-dynamic";
export const metadata = { title: "志愿者登录" };

/** /me/login — phone-first volunteer sign-in (a code by SMS; the demo's outbox file is named on the page). */
export default async function MeLoginPage() {
  if (await getVolunteer()) redirect("/me");
  const t = await getTranslations("me.login");
  return (
    <main className="min-h-screen bg-gray-50 px-3 py-4 sm:px-4 sm:py-8">
      <div className="mx-auto w-full max-w-md space-y-4" data-testid="me-login">
        <header className="rounded-xl bg-gradient-to-b from-red-800 to-red-900 p-4 text-white">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1 text-sm text-red-100">{t("subtitle")}</p>
        </header>
        <section className="rounded-xl bg-white p-4 shadow-sm">
          <LoginForm requestCode={meRequestCodeAction} signIn={meSignInAction} labels={{ phone: t("phone"), getCode: t("getCode"), code: t("code"), submit: t("submit") }} />
          <p className="mt-3 text-xs text-gray-500" data-testid="me-demo-hint">
            {t("demoHint")}
          </p>
        </section>
        <div className="flex items-center justify-between px-1 text-xs text-gray-500">
          <span>
            {t("notRegistered")}{" "}
            <Link href="/join" className="underline">
              {t("join")}
            </Link>
          </span>
          <Link href="/login" className="underline">
            {t("staffLogin")}
          </Link>
        </div>
      </div>
    </main>
  );
}
