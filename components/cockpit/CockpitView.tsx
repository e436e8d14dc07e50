import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { DispatchCockpitCard } from "@/components/dispatch/CockpitCard";
import { Breadcrumb } from "@/components/regions/Breadcrumb";
import { type CurrentUser, requireRegionInScope } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";
import { getCockpitHeading } from "@/lib/metrics/queries";
import { parseCockpitParams } from "@/lib/metrics/params";
import { campaignDay } from "@/lib/metrics/rules";
import { CardSkeleton, KpiSkeleton } from "@/components/ui/Card";
import { AsOf } from "./AsOf";
import { BurnupCard, HoursCard, RankingCard, SectorCard, ShareCard, StatusCard } from "./ChartCards";
import { CoverageMatrix } from "./CoverageMatrix";
import { requestRefresh } from "./data";
import { DistrictMap } from "./DistrictMap";
import { Filters } from "./Filters";
import { Kpis } from "./Kpis";
import { RegionTable } from "./RegionTable";

/**
 * The cockpit of one region: the same view for the city, a district, a street or a community.
 * Each card loads in its own Suspense boundary; the filters are in the URL.
 */
export async function CockpitView({ user, code, base, searchParams }: { user: CurrentUser; code: string; base: string; searchParams: Record<string, string | string[] | undefined> }) {
  const region = await requireRegionInScope(user, code);
  const { campaign, crumbs } = await getCockpitHeading({ user, code });
  const now = today();
  const params = parseCockpitParams(searchParams, now, campaign);
  requestRefresh(searchParams.refresh);
  const clock = campaignDay(campaign.start, campaign.days, now);
  const t = await getTranslations();
  const key = JSON.stringify([code, params]);
  return (
    <div className="space-y-4" data-testid="cockpit" data-region={code}>
      <Breadcrumb items={crumbs} />
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900" data-testid="region-name">
            {region.name}
            <span className="ml-2 text-base font-normal text-gray-500">
              {t(`levels.${region.level}`)} · {t("cockpit.title")}
            </span>
          </h1>
          <p className="text-sm text-gray-600" data-testid="period-label">
            {t("cockpit.period")}：{t(`cockpit.periods.${params.period.kind}`)}（{t("cockpit.periodRange", { from: params.period.from, to: params.period.to })}）
            {params.sector && ` · ${t(`cockpit.sectors.${params.sector}`)}`}
          </p>
          <Suspense key={`o${key}`} fallback={<p className="h-4" />}>
            <AsOf code={code} base={base} params={params} />
          </Suspense>
        </div>
        <div className="rounded-lg bg-red-700 px-4 py-2 text-white" data-testid="campaign-clock">
          <p className="text-xs opacity-80">{campaign.name}</p>
          <p className="text-lg font-semibold">
            {!clock.started ? t("cockpit.notStarted") : clock.ended ? t("cockpit.campaignEnded") : t("cockpit.campaignDay", { day: clock.day, days: campaign.days })}
          </p>
          {clock.started && !clock.ended && <p className="text-xs">{t("cockpit.daysLeft", { n: clock.daysLeft })}</p>}
        </div>
      </div>
      {params.error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="filter-error">
          {t("cockpit.badParams", { message: params.error })}
        </p>
      )}
      <div className="no-print">
        <Filters action={base} params={params} showMetric={region.level !== "community"} />
      </div>
      <Suspense key={`k${key}`} fallback={<KpiSkeleton />}>
        <Kpis code={code} params={params} />
      </Suspense>
      {region.level === "city" && (
        <Suspense key={`m${key}`} fallback={<CardSkeleton h="h-96" />}>
          <DistrictMap params={params} />
        </Suspense>
      )}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Suspense key={`h${key}`} fallback={<CardSkeleton h="h-72" />}>
          <HoursCard code={code} params={params} />
        </Suspense>
        <Suspense key={`b${key}`} fallback={<CardSkeleton h="h-72" />}>
          <BurnupCard code={code} />
        </Suspense>
        <Suspense key={`s${key}`} fallback={<CardSkeleton h="h-72" />}>
          <SectorCard code={code} params={params} />
        </Suspense>
        {region.level !== "community" && (
          <>
            <Suspense key={`r${key}`} fallback={<CardSkeleton h="h-72" />}>
              <RankingCard code={code} params={params} />
            </Suspense>
            <Suspense key={`t${key}`} fallback={<CardSkeleton h="h-72" />}>
              <StatusCard code={code} />
            </Suspense>
            <Suspense key={`a${key}`} fallback={<CardSkeleton h="h-72" />}>
              <ShareCard code={code} params={params} />
            </Suspense>
          </>
        )}
      </div>
      <Suspense key={`d${key}`} fallback={<CardSkeleton h="h-28" />}>
        <DispatchCockpitCard code={code} from={params.period.from} to={params.period.to} />
      </Suspense>
      <Suspense key={`g${key}`} fallback={<CardSkeleton h="h-64" />}>
        <RegionTable code={code} base={base} params={params} />
      </Suspense>
      <Suspense key={`c${key}`} fallback={<CardSkeleton h="h-64" />}>
        <CoverageMatrix code={code} params={params} />
      </Suspense>
    </div>
  );
}
