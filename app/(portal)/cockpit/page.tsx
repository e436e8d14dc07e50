import { CockpitView } from "@/components/cockpit/CockpitView";
import { requireArea } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["cockpit.title"]);

/** 驾驶舱: opens on the user's own scope (青岛市, 莱西市, 水集街道 …). */
export default async function CockpitPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("cockpit");
  return <CockpitView user={user} code={user.scopeCode} base="/cockpit" searchParams={await searchParams} />;
}
