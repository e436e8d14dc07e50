import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FollowUp } from "@/components/dispatch/FollowUp";
import { one, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "查询需求进度" };

/** The requester's follow-up page: status and history by reference + phone, and the rating once completed. */
export default async function FollowPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations("dispatch");
  const asked = one((await searchParams).ref);
  const ref = asked && /^WY\d{12,}$/i.test(asked) ? asked.toUpperCase() : "";
  return (
    <main className="min-h-screen bg-gradient-to-b from-red-800 to-red-950 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto w-full max-w-xl rounded-xl bg-white p-4 shadow-xl sm:p-8" data-testid="follow-page">
        <h1 className="text-center text-2xl font-bold text-gray-900">{t("follow.title")}</h1>
        <p className="mb-4 mt-1 text-center text-sm text-gray-600">{t("follow.intro")}</p>
        <FollowUp initialRef={ref} />
        <p className="mt-4 text-center">
          <Link href="/request" className="text-sm text-red-700 underline">
            {t("follow.back")}
          </Link>
        </p>
      </div>
    </main>
  );
}
