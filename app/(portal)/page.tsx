import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/rules";

export default async function Home() {
  const user = await requireUser();
  redirect(canOpen(user.role, "cockpit") ? "/cockpit" : "/admin");
}
