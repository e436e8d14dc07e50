import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { getDb } from "@/db/client";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { cached } from "@/lib/metrics/cache";
import { FiguresGrid } from "./Figures";

/** Cached per data version (a write to demands bumps it) and per minute (overdue moves with the clock). */
async function figures(code: string, from: string, to: string) {
  const db = await getDb();
  const minute = Math.floor(Date.now() / 60_000);
  return cached(db, `dispatch:${code}:${from}:${to}:${minute}`, () => getDispatchFigures(db, code, from, to));
}

/** The cockpit's compact dispatch card for a region (scope already checked by the cockpit view). */
export async function DispatchCockpitCard({ code, from, to }: { code: string; from: string; to: string }) {
  const t = await getTranslations("dispatch.figures");
  const f = await figures(code, from, to);
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
