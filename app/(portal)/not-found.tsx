import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <section className="mx-auto max-w-lg rounded-lg bg-white p-8 text-center shadow-sm" data-testid="not-found">
      <h1 className="text-2xl font-semibold text-gray-900">404 · {t("notFoundTitle")}</h1>
      <p className="mt-2 text-gray-600">{t("notFoundBody")}</p>
      <Link href="/" className="mt-4 inline-block text-red-700 underline">
        {t("backHome")}
      </Link>
    </section>
  );
}
