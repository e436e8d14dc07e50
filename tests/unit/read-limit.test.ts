import { beforeEach, describe, expect, it } from "vitest";
import { acquireReadSlot, resetReadSlots } from "@/lib/auth/read-limit";

/** Issue 14 finding 7: one account firing hundreds of expensive reads gets 429, not everyone's time. */
describe("per-account slots for expensive reads", () => {
  beforeEach(() => resetReadSlots());

  it("allows the configured number in flight, refuses the next, and frees a slot on release", () => {
    const held = Array.from({ length: 4 }, () => acquireReadSlot("u:1", 1_000));
    expect(held.every((s) => s.ok)).toBe(true);
    const fifth = acquireReadSlot("u:1", 1_000);
    expect(fifth).toMatchObject({ ok: false, retryAfter: 1 });
    // another account is not affected
    expect(acquireReadSlot("u:2", 1_000).ok).toBe(true);
    const first = held[0]!;
    if (first.ok) first.release();
    expect(acquireReadSlot("u:1", 1_001).ok).toBe(true);
  });

  it("limits starts per minute and says when to retry", () => {
    for (let i = 0; i < 240; i++) {
      const s = acquireReadSlot("u:3", 10_000 + i);
      expect(s.ok).toBe(true);
      if (s.ok) s.release();
    }
    const over = acquireReadSlot("u:3", 20_000);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.retryAfter).toBeGreaterThanOrEqual(50);
    expect(acquireReadSlot("u:3", 70_001).ok).toBe(true);
  });
});
