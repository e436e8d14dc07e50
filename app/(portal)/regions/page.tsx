import { redirect } from "next/navigation";
import { requireArea } from "@/lib/auth/session";

export default async function RegionsIndex() {
  const user = await requireArea("regions");
  redirect(`/regions/${user.scopeCode}`);
}
