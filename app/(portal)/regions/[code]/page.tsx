import { CockpitView } from "@/components/cockpit/CockpitView";
import { requireArea } from "@/lib/auth/session";

/** Drill-down: the cockpit of any region in scope; anything else (or unknown) is a 404. */
export default async function RegionPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = await params;
  const user = await requireArea("regions");
  return <CockpitView user={user} code={code} base={`/regions/${code}`} searchParams={await searchParams} />;
}
