import { Placeholder } from "@/components/ui/Placeholder";
import { requireArea } from "@/lib/auth/session";

export default async function Page() {
  await requireArea("volunteers");
  return <Placeholder area="volunteers" />;
}
