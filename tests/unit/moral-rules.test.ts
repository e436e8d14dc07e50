import { describe, expect, it } from "vitest";
import { AwardSchema, canApprove, canPropose, capCheck, dayBefore, ruleActiveOn, RuleSchema } from "@/lib/moral/rules";

describe("道德积分 cap", () => {
  it("allows up to the cap exactly and refuses beyond, naming the cap and the total so far", () => {
    expect(capCheck(30, 20, 10)).toEqual({ ok: true });
    expect(capCheck(30, 25, 10)).toEqual({ ok: false, cap: 30, total: 25 });
    expect(capCheck(10, 0, 10)).toEqual({ ok: true });
  });
});

describe("rule versions and validity", () => {
  it("a rule is in force between its dates, inclusive; open-ended without an end", () => {
    expect(ruleActiveOn({ activeFrom: "2026-01-01", activeTo: null }, "2026-11-30")).toBe(true);
    expect(ruleActiveOn({ activeFrom: "2026-12-01", activeTo: null }, "2026-11-30")).toBe(false);
    expect(ruleActiveOn({ activeFrom: "2026-01-01", activeTo: "2026-11-30" }, "2026-11-30")).toBe(true);
    expect(ruleActiveOn({ activeFrom: "2026-01-01", activeTo: "2026-11-29" }, "2026-11-30")).toBe(false);
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
  });
  it("the rule form refuses a cap below the points and an end before the start, naming the field", () => {
    const base = { name: "无偿献血", category: "blood_donation", points: 10, yearlyCap: 5, proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01" };
    const r = RuleSchema.safeParse(base);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toBe("年度上限：不能小于单次积分");
    const d = RuleSchema.safeParse({ ...base, yearlyCap: 50, activeTo: "2025-12-31" });
    expect(d.success).toBe(false);
    if (!d.success) expect(d.error.issues[0]!.path).toEqual(["activeTo"]);
    expect(RuleSchema.safeParse({ ...base, yearlyCap: 50, category: "x" }).success).toBe(false);
    expect(RuleSchema.safeParse({ ...base, yearlyCap: 50 }).success).toBe(true);
  });
  it("an award needs a note", () => {
    expect(AwardSchema.safeParse({ ruleId: 1, volunteerId: 2, note: "" }).success).toBe(false);
  });
});

describe("who proposes and who approves", () => {
  it("proposers are the roles the rule names", () => {
    expect(canPropose("street_officer", ["street_officer"])).toBe(true);
    expect(canPropose("org_admin", ["street_officer"])).toBe(false);
    expect(canPropose("wmb_staff", ["street_officer", "org_admin"])).toBe(false);
  });
  it("district rules: district or city 文明办 holding the volunteer; city rules: the city 文明办 only", () => {
    expect(canApprove({ role: "wmb_staff", scopeCode: "370285" }, "district", "370285001001")).toBe(true);
    expect(canApprove({ role: "wmb_staff", scopeCode: "3702" }, "district", "370285001001")).toBe(true);
    expect(canApprove({ role: "wmb_staff", scopeCode: "370202" }, "district", "370285001001")).toBe(false);
    expect(canApprove({ role: "wmb_staff", scopeCode: "370285" }, "city", "370285001001")).toBe(false);
    expect(canApprove({ role: "wmb_staff", scopeCode: "3702" }, "city", "370285001001")).toBe(true);
    expect(canApprove({ role: "street_officer", scopeCode: "370285001" }, "district", "370285001001")).toBe(false);
  });
});
