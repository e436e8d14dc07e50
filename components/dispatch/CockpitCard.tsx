import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { requirePage } from "@/lib/auth/session";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { cached } from "@/lib/metrics/cache";
import { FiguresGrid } from "./Figures";

/**
 * The cockpit's compact dispatch card for a region (the cockpit view has checked the region; the
 * figures check it again against the viewer's scope). Cached per data version (a write to demands
 * bumps it) and per minute (overdue moves with the clock).
 */
export async function DispatchCockpitCard({ code, from, to }: { code: string; from: string; to: string }) {
  const { actor, db } = await requirePage("cockpit");
  const t = await getTranslations("dispatch.figures");
  const minute = Math.floor(Date.now() / 60_000);
  const f = await cached(db, `dispatch:${code}:${from}:${to}:${minute}`, () => getDispatchFigures(db, actor, { regionCode: code, from, to }));
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
