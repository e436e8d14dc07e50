import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";
export const metadata = { title: "证明查验", robots: { index: false } };

/** PUBLIC: /verify — the empty form; /verify?number=…&code=… (the form's GET) goes to /verify/{number}?code=…. */
export default async function VerifyFormPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const number = typeof q.number === "string" ? q.number.trim().toUpperCase().slice(0, 40) : "";
  const code = typeof q.code === "string" ? q.code.trim().slice(0, 40) : "";
  if (number) redirect(`/verify/${encodeURIComponent(number)}${code ? `?code=${encodeURIComponent(code)}` : ""}`);
  const t = await getTranslations("verify");
  return (
    <main className="min-h-screen bg-gradient-to-b from-red-800 to-red-950 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto w-full max-w-md rounded-xl bg-white p-4 shadow-xl sm:p-6" data-testid="verify-page">
        <h1 className="text-center text-xl font-bold text-gray-900">{t("title")}</h1>
        <p className="mt-3 text-sm text-gray-600">{t("intro")}</p>
        <form method="get" action="/verify" className="mt-3 space-y-3">
          <label className="block text-sm">
            <span className="text-gray-700">{t("number")}</span>
            <input name="number" required placeholder="QDZY-2026-000001" autoCapitalize="characters" className="mt-1 block w-full rounded-md border-gray-300 text-base" data-testid="verify-number-input" />
          </label>
          <label className="block text-sm">
            <span className="text-gray-700">{t("code")}</span>
            <input name="code" required autoComplete="off" autoCapitalize="characters" className="mt-1 block w-full rounded-md border-gray-300 text-base tracking-widest" data-testid="verify-code-input" />
            <span className="text-xs text-gray-500">{t("codeHint")}</span>
          </label>
          <button className="w-full rounded-md bg-red-800 py-2.5 text-base font-medium text-white" data-testid="verify-submit">
            {t("submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
