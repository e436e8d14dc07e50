import { redirect } from "next/navigation";
import { homeFor } from "@/lib/auth/rules";
import { requireUser } from "@/lib/auth/session";

/** The portal's front door sends each role to its own work (lib/auth/rules.ts#homeFor). */
export default async function Home() {
  const user = await requireUser();
  redirect(homeFor(user.role));
}
