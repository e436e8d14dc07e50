import { redirect } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["regions.title"]);

export default async function RegionsIndex() {
  const user = await requireArea("regions");
  redirect(`/regions/${user.scopeCode}`);
}
