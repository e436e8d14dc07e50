import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TotpConfirmForm } from "@/components/admin/TotpForm";
import { getCurrentUser } from "@/lib/auth/session";
import { pendingEnrolment } from "@/lib/security/totp-enrol";
import { pageTitle } from "@/lib/i18n/title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => pageTitle(["security.totp.title"]);

/** 绑定动态验证码: scan the QR code (or type the key), confirm with a code, keep the recovery codes. */
export default async function TotpPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=/totp");
  if (user.mustChangePassword) redirect("/password");
  const t = await getTranslations("security.totp");
  const p = await pendingEnrolment(user);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gray-100 px-4 py-8">
      <div className="w-full max-w-md rounded-xl bg-white p-6 shadow">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {p.enrolled ? (
          <div className="mt-3 space-y-3" data-testid="totp-enrolled">
            <p className="rounded-md bg-green-50 p-3 text-sm text-green-800">{t("enrolled")}</p>
            <Link href="/" className="inline-block text-sm text-red-700 underline">
              {t("continue")}
            </Link>
          </div>
        ) : (
          <>
            <p className="mb-4 mt-1 text-sm text-gray-600">{user.mustEnrolTotp ? t("required") : t("optional")}</p>
            <ol className="list-decimal space-y-2 pl-5 text-sm text-gray-700">
              <li>{t("step1")}</li>
              <li>{t("step2")}</li>
            </ol>
            <div className="my-4 flex justify-center">
              {/* SVG generated on the server by the qrcode package from our own otpauth URI. */}
              <div role="img" aria-label={t("qrAlt")} className="h-[200px] w-[200px]" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: p.qrSvg ?? "" }} />
            </div>
            <p className="text-sm text-gray-600">
              {t("manual")}{" "}
              <code className="break-all rounded bg-gray-100 px-1 font-mono text-gray-900" data-testid="totp-secret">
                {p.secret}
              </code>
            </p>
            <TotpConfirmForm labels={{ code: t("code"), submit: t("submit"), codesTitle: t("codesTitle"), codesHint: t("codesHint"), done: t("continue") }} />
          </>
        )}
      </div>
    </main>
  );
}
