import "server-only";
/**
 * The public /verify page's check: the caller's address takes a slot from the same limiter as the
 * check API (lib/certificates/limits.ts), then number + code are checked (check.ts).
 */
import { getDb } from "@/db/client";
import { requireClientSlot } from "@/lib/auth/action";
import { type CheckedCertificate, checkCertificate } from "./check";
import { certificateCheckLimiter, checkLimitMessage } from "./limits";

export type PageCheck = { status: "valid"; certificate: CheckedCertificate } | { status: "not_found" } | { status: "limited"; message: string };

export async function checkFromPage(input: { number: string; code: string }): Promise<PageCheck> {
  const slot = await requireClientSlot({ limiter: certificateCheckLimiter, limitMessage: checkLimitMessage });
  if (typeof slot !== "string") return { status: "limited", message: slot.message ?? "" };
  const c = await checkCertificate(await getDb(), input);
  return c ? { status: "valid", certificate: c } : { status: "not_found" };
}
