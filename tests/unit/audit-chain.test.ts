import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH, redact } from "@/lib/audit/chain";

const base = {
  at: new Date("2026-11-30T01:02:03.456Z"),
  userId: 1,
  username: "laixi_wmb",
  role: "wmb_staff",
  ip: "127.0.0.1",
  action: "task.close",
  objectType: "task",
  objectId: "9",
  outcome: "success" as const,
  summary: { b: 1, a: [1, { d: 2, c: 3 }] },
};

describe("audit hash chain", () => {
  it("does not depend on key order (jsonb reorders keys)", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(entryHash(GENESIS_HASH, base)).toBe(entryHash(GENESIS_HASH, { ...base, summary: { a: [1, { c: 3, d: 2 }], b: 1 } }));
  });
  it("changes when any field or the previous hash changes", () => {
    const h = entryHash(GENESIS_HASH, base);
    expect(entryHash(GENESIS_HASH, { ...base, outcome: "denied" })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...base, at: new Date("2026-11-30T01:02:03.457Z") })).not.toBe(h);
    expect(entryHash("f".repeat(64), base)).not.toBe(h);
  });
  it("never keeps passwords or full ID numbers", () => {
    expect(redact({ password: "x", note: "身份证 370285199005171234" })).toEqual({ password: "[redacted]", note: "身份证 370285********1234" });
  });
});
