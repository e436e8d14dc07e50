import { CockpitView } from "@/components/cockpit/CockpitView";
import { requireArea } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = async ({ params }: { params: Promise<{ code: string }> }) => pageTitle(["regions.pageTitle", "regions.title"], { code: (await params).code.replace(/\D/g, "").slice(0, 12) });

/** Drill-down: the cockpit of any region in scope; anything else (or unknown) is a 404. */
export default async function RegionPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = await params;
  const user = await requireArea("regions");
  return <CockpitView user={user} code={code} base={`/regions/${code}`} searchParams={await searchParams} />;
}
