import "server-only";
import { getDb } from "@/db/client";
import { listPublicRewards } from "@/lib/timebank/queries";
import { publicOpenActivities, publicStreets } from "./queries";

/**
 * The public 找活动 page's data (no account, so no actor): the streets to pick from and, for a
 * known street, its open activities and the rewards in stock published for it. No personal data.
 */
export async function findActivities({ street: wanted, now }: { street?: string; now: Date }) {
  const db = await getDb();
  const streets = await publicStreets(db);
  const street = wanted && streets.some((s) => s.code === wanted) ? wanted : "";
  if (!street) return { streets, street, list: [], rewards: [] };
  const [list, rewards] = await Promise.all([publicOpenActivities(db, { streetCode: street, now }), listPublicRewards(db, { streetCode: street })]);
  return { streets, street, list, rewards: rewards.filter((r) => r.stock > 0) };
}
