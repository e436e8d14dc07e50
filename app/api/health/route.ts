import { json } from "@/lib/http";
import { checkDatabase } from "@/lib/deployment";

export const dynamic = "force-dynamic";

/** Liveness + database check for load balancers and the e2e web server. Reveals nothing else. */
export async function GET() {
  return (await checkDatabase()) ? json({ status: "ok" }) : json({ status: "unavailable" }, 503);
}
