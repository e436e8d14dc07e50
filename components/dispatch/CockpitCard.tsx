import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { requirePage } from "@/lib/auth/session";
import { getCachedDispatchFigures } from "@/lib/dispatch/figures";
import { FiguresGrid } from "./Figures";

/**
 * The cockpit's compact dispatch card for a region (the cockpit view has checked the region; the
 * figures check it again against the viewer's scope).
 */
export async function DispatchCockpitCard({ code, from, to }: { code: string; from: string; to: string }) {
  const { actor, db } = await requirePage("cockpit");
  const t = await getTranslations("dispatch.figures");
  const f = await getCachedDispatchFigures(db, actor, { regionCode: code, from, to });
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
