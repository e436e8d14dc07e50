import { describe, expect, it } from "vitest";
import { addDays, addMetrics, campaignDay, closureRate, derive, emptyMetrics, onTimeClosureRate, planClosed, registrationShare, resolvePeriod, splitRange } from "@/lib/metrics/rules";

const campaign = { start: "2026-09-01", days: 100 };

describe("metric definitions", () => {
  it("整改率 is closed ÷ total, and undefined for no tasks", () => {
    expect(closureRate(45, 60)).toBe(0.75);
    expect(closureRate(0, 0)).toBeNull();
  });
  it("按期整改率 is closed on time ÷ due", () => {
    expect(onTimeClosureRate(30, 40)).toBe(0.75);
    expect(onTimeClosureRate(0, 0)).toBeNull();
  });
  it("registration share is registered ÷ population", () => {
    expect(registrationShare(15_000, 100_000)).toBe(0.15);
  });
  it("derived ratios come from summed counts, not averaged ratios", () => {
    const a = emptyMetrics();
    a.tasks.total = 10;
    a.tasks.closed = 9;
    const b = emptyMetrics();
    b.tasks.total = 90;
    b.tasks.closed = 45;
    // the mean of 90% and 50% would be 70%; the right figure is 54 / 100
    expect(derive(addMetrics(a, b)).closureRate).toBe(0.54);
  });
});

describe("campaign clock", () => {
  it("counts day N of 100 and days left", () => {
    expect(campaignDay("2026-09-01", 100, "2026-09-01")).toMatchObject({ day: 1, daysLeft: 99 });
    expect(campaignDay("2026-09-01", 100, "2026-11-30")).toMatchObject({ day: 91, daysLeft: 9 });
    expect(campaignDay("2026-09-01", 100, "2026-12-20")).toMatchObject({ day: 100, daysLeft: 0, ended: true });
  });
  it("plans a straight line to day 100", () => {
    expect(planClosed(5000, 50, 100)).toBe(2500);
    expect(planClosed(5000, 120, 100)).toBe(5000);
  });
});

describe("periods", () => {
  it("campaign to date runs from the start to today", () => {
    expect(resolvePeriod({}, "2026-11-30", campaign)).toEqual({ ok: true, period: { kind: "campaign", from: "2026-09-01", to: "2026-11-30" } });
  });
  it("this week starts on Monday", () => {
    // 2026-11-30 is a Monday; 2026-12-03 a Thursday
    expect(resolvePeriod({ period: "week" }, "2026-12-03", campaign)).toMatchObject({ period: { from: "2026-11-30", to: "2026-12-03" } });
  });
  it("refuses an inverted or malformed range, naming the field", () => {
    expect(resolvePeriod({ from: "2026-10-10", to: "2026-10-01" }, "2026-11-30", campaign)).toMatchObject({ ok: false, field: "to" });
    expect(resolvePeriod({ from: "2026-02-30", to: "2026-03-01" }, "2026-11-30", campaign)).toMatchObject({ ok: false, field: "from" });
    expect(resolvePeriod({ from: "yesterday", to: "2026-03-01" }, "2026-11-30", campaign)).toMatchObject({ ok: false, field: "from" });
  });
});

describe("splitting a range into whole months and loose days", () => {
  it("uses months inside and days at the edges", () => {
    expect(splitRange("2026-09-01", "2026-11-15")).toEqual({
      months: { from: "2026-09-01", to: "2026-10-01" },
      days: [{ from: "2026-11-01", to: "2026-11-15" }],
    });
    expect(splitRange("2026-08-20", "2026-11-30")).toEqual({
      months: { from: "2026-09-01", to: "2026-11-01" },
      days: [{ from: "2026-08-20", to: "2026-08-31" }],
    });
  });
  it("uses only days inside one month", () => {
    expect(splitRange("2026-11-03", "2026-11-20")).toEqual({ months: null, days: [{ from: "2026-11-03", to: "2026-11-20" }] });
  });
  it("covers every day exactly once", () => {
    for (const [f, t] of [["2025-12-31", "2026-03-01"], ["2026-01-01", "2026-01-31"], ["2026-02-15", "2026-04-14"]] as [string, string][]) {
      const s = splitRange(f, t);
      const covered: string[] = [];
      for (const d of s.days) for (let x = d.from; x <= d.to; x = addDays(x, 1)) covered.push(x);
      if (s.months) {
        for (let x = s.months.from; x <= addDays(s.months.to, 40) && x <= t; x = addDays(x, 1)) {
          const m = x.slice(0, 7) + "-01";
          if (m >= s.months.from && m <= s.months.to) covered.push(x);
        }
      }
      const expected: string[] = [];
      for (let x = f; x <= t; x = addDays(x, 1)) expected.push(x);
      expect(covered.sort()).toEqual(expected);
    }
  });
});
