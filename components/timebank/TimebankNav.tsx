import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function TimebankNav({ active }: { active: "dashboard" | "rewards" | "certificates" | "volunteer" | "moral" }) {
  const t = await getTranslations("timebank.nav");
  const tab = (href: string, key: typeof active, label: string) => (
    <Link href={href} className={`rounded-md px-3 py-1.5 text-sm ${active === key ? "bg-red-800 text-white" : "bg-white text-gray-700 ring-1 ring-gray-200 hover:bg-gray-50"}`} aria-current={active === key ? "page" : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h1 className="mr-4 text-xl font-semibold text-gray-900">{t("title")}</h1>
      {tab("/timebank", "dashboard", t("dashboard"))}
      {tab("/timebank/rewards", "rewards", t("rewards"))}
      {tab("/timebank/certificates", "certificates", t("certificates"))}
      {tab("/timebank/moral", "moral", t("moral"))}
    </div>
  );
}
