import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { loadMetrics } from "./data";

const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/**
 * "数据截至 HH:MM:SS" (China Standard Time) — the figures may be up to METRICS_CACHE_TTL_SECONDS old
 * (docs/metrics.md) — and a link that asks for figures newer than these.
 */
export async function AsOf({ code, base, params }: { code: string; base: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  if (!m) return null;
  const t = await getTranslations("cockpit");
  const q = toQuery(params);
  const href = `${base}${q}${q ? "&" : "?"}refresh=${Date.parse(m.asOf)}`;
  return (
    <p className="text-xs text-gray-500" data-testid="as-of" data-as-of={m.asOf}>
      {t("asOf", { time: TIME.format(new Date(m.asOf)) })}
      {" · "}
      <Link href={href} prefetch={false} className="text-red-700 underline" data-testid="refresh">
        {t("refresh")}
      </Link>
    </p>
  );
}
