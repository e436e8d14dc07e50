/** Pure rules of the volunteer's own side (unit-tested). */
import { STAR_THRESHOLDS } from "@/lib/volunteers/rules";

export type SessionEnd = "alive" | "ended" | "absolute" | "idle" | "inactive" | "phone_changed";

/** Is a volunteer session still alive at `now`? */
export function sessionVerdict(
  s: { endedAt: Date | null; expiresAt: Date; lastSeenAt: Date; volunteerActive: boolean; phoneStillTheirs: boolean },
  now: Date,
  idleMinutes: number,
): SessionEnd {
  if (s.endedAt) return "ended";
  if (!s.volunteerActive) return "inactive";
  if (!s.phoneStillTheirs) return "phone_changed";
  if (s.expiresAt.getTime() <= now.getTime()) return "absolute";
  if (now.getTime() - s.lastSeenAt.getTime() > idleMinutes * 60_000) return "idle";
  return "alive";
}

/** Star level progress: the next star's threshold and how far along the way from the last one (0–100). */
export function starProgress(verifiedHours: number, starLevel: number): { next: number | null; hoursToNext: number | null; percent: number } {
  if (starLevel >= STAR_THRESHOLDS.length) return { next: null, hoursToNext: null, percent: 100 };
  const from = starLevel === 0 ? 0 : STAR_THRESHOLDS[starLevel - 1]!;
  const to = STAR_THRESHOLDS[starLevel]!;
  const pct = Math.max(0, Math.min(100, Math.floor(((verifiedHours - from) / (to - from)) * 100)));
  return { next: starLevel + 1, hoursToNext: Math.max(0, Math.round((to - verifiedHours) * 100) / 100), percent: pct };
}
