import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { settings } from "@/db/schema";

/**
 * Which generated data set this deployment holds (`demo`, `test`, `city`), or null for real data.
 * The seed records it; the portal then marks every page "演示数据" so that nobody reads the
 * scaled-down demo populations (a community of 105 residents) as the city's real figures.
 */
let cached: { profile: string | null; at: number } | null = null;

export async function getDataProfile(): Promise<string | null> {
  if (cached && Date.now() - cached.at < 60_000) return cached.profile;
  const db = await getDb();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, "data_profile")).limit(1);
  cached = { profile: row?.value ?? null, at: Date.now() };
  return cached.profile;
}

/** Liveness for load balancers and the e2e web server: the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
