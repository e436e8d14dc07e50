"use client";
import { useTranslations } from "next-intl";

export default function PortalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <section role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-8 text-center" data-testid="error-boundary">
      <h1 className="text-xl font-semibold text-red-800">{t("errorTitle")}</h1>
      <p className="mt-2 text-gray-600">{t("errorBody")}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-red-700 px-4 py-2 text-white hover:bg-red-800">
        {t("retry")}
      </button>
    </section>
  );
}
