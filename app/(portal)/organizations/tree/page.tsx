import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { OrgTree } from "@/components/organizations/OrgTree";
import { Card } from "@/components/ui/Card";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import { EmptyState, Notice } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { formatNumber } from "@/lib/format";
import { today } from "@/lib/metrics/clock";
import { flatten } from "@/lib/organizations/tree";
import { getRegionTree, treeRegionOptions } from "@/lib/organizations/tree-queries";
import { one, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "组织架构" };

/** 组织架构: a district's 总队 → 分队 → 小队 forest with rolled-up totals (own + all descendants). */
export default async function OrgTreePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const sp = await searchParams;
  const t = await getTranslations("structure");
  const locale = await getLocale();
  const options = await treeRegionOptions(db, actor);
  const errors: string[] = [];
  const wanted = one(sp.region) ?? "";
  const region = options.some((o) => o.code === wanted) ? wanted : (options[0]?.code ?? actor.scopeCode);
  if (wanted && wanted !== region) errors.push(`region：不在可选范围内 ${wanted}`);
  const monthRaw = one(sp.month) ?? "";
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthRaw) ? monthRaw : today().slice(0, 7);
  if (monthRaw && monthRaw !== month) errors.push(`month：月份格式应为 YYYY-MM`);
  // a street officer's tree is its street's part of the district
  const roots = await getRegionTree(db, actor, { regionCode: actor.scopeCode.length > region.length ? actor.scopeCode : region, month });
  const count = flatten(roots).length;
  const canWrite = actor.role === "wmb_staff" || actor.role === "street_officer";
  const fmtHours = (h: number) => formatNumber(h, 1, locale);
  const tl = (k: "corps" | "division" | "team" | "other") => t(`level.${k}`);
  return (
    <div className="space-y-4" data-testid="org-tree-page">
      <OrgHeader current="tree" />
      {errors.length > 0 && <Notice testId="filter-error">{errors.join("；")}</Notice>}
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="tree-filters">
        <FilterSelect label={t("region")} name="region" value={region} options={options.map((o) => ({ value: o.code, label: o.name }))} testId="tree-region" className="w-48" />
        <label className="text-sm text-gray-700">
          {t("month")}
          <input type="month" name="month" defaultValue={month} className={FIELD_CLASS} data-testid="tree-month" />
        </label>
        <button type="submit" className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800">
          {t("show")}
        </button>
        {canWrite && (
          <Link href="/organizations/new" className="ml-auto rounded-md border border-red-700 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50" data-testid="org-new-link">
            + {t("new")}
          </Link>
        )}
      </form>
      <p className="text-sm text-gray-700" data-testid="tree-count" data-count={count}>
        {t("nodes", { n: count, roots: roots.length })} · {t("subtitle")}
      </p>
      {roots.length === 0 ? (
        <EmptyState title={t("empty")} testId="tree-empty" />
      ) : (
        <Card testId="tree-card">
          <OrgTree
            roots={roots}
            canWrite={canWrite}
            fmtHours={fmtHours}
            labels={{
              level: { corps: tl("corps"), division: tl("division"), team: tl("team"), other: tl("other") },
              members: t("members"),
              hours: t("hours"),
              activities: t("activities"),
              projects: t("projects"),
              addChild: t("addChild"),
              own: (n) => t("own", { members: n.own.members, hours: fmtHours(n.own.verifiedHours), activities: n.own.activities }),
            }}
          />
        </Card>
      )}
    </div>
  );
}
