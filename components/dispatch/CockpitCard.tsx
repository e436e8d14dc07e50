import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import type { CurrentUser } from "@/lib/auth/session";
import { getCockpitDispatchFigures } from "@/lib/metrics/queries";
import { FiguresGrid } from "./Figures";

/** The cockpit's compact dispatch card for a region (figures cached like the cockpit's, docs/metrics.md). */
export async function DispatchCockpitCard({ user, code, from, to }: { user: CurrentUser; code: string; from: string; to: string }) {
  const t = await getTranslations("dispatch.figures");
  const f = await getCockpitDispatchFigures({ user, code, from, to });
  if (!f) return null;
  return (
    <Card title={t("cockpitCard")} testId="cockpit-dispatch">
      <FiguresGrid f={f} compact />
      <p className="mt-2 text-right text-xs">
        <Link href="/dispatch" className="text-red-700 underline">
          {t("open")}
        </Link>
      </p>
    </Card>
  );
}
