import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sessionVerdict, starProgress } from "@/lib/me/rules";
import { httpProvider, outboxProvider } from "@/lib/sms";
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, judgeCode } from "@/lib/timebank/phone-code";

const now = new Date("2026-11-30T10:00:00Z");
const code = (over: Partial<{ codeHash: string; attempts: number; expiresAt: Date; usedAt: Date | null }> = {}) => ({ codeHash: "h", attempts: 0, expiresAt: new Date(now.getTime() + CODE_TTL_MS), usedAt: null, ...over });

describe("one-time codes: 5 minutes, single use, 5 tries", () => {
  it("a code lives 5 minutes and ends after 5 wrong tries", () => {
    expect(CODE_TTL_MS).toBe(5 * 60_000);
    expect(CODE_MAX_ATTEMPTS).toBe(5);
  });
  it("accepts the right code while fresh, unused and under the tries", () => {
    expect(judgeCode(code(), "h", now)).toBe("ok");
    expect(judgeCode(code({ attempts: 4 }), "h", now)).toBe("ok");
  });
  it("refuses a wrong, expired, used or exhausted code, and no code at all", () => {
    expect(judgeCode(code(), "x", now)).toBe("wrong");
    expect(judgeCode(code({ expiresAt: now }), "h", now)).toBe("expired");
    expect(judgeCode(code({ expiresAt: new Date(now.getTime() - 1) }), "h", now)).toBe("expired");
    expect(judgeCode(code({ usedAt: now }), "h", now)).toBe("used");
    expect(judgeCode(code({ attempts: 5 }), "h", now)).toBe("exhausted");
    expect(judgeCode(undefined, "h", now)).toBe("none");
  });
});

describe("volunteer session verdict", () => {
  const s = { endedAt: null, expiresAt: new Date(now.getTime() + 86_400_000), lastSeenAt: new Date(now.getTime() - 60_000), volunteerActive: true, phoneStillTheirs: true };
  it("alive within the idle and absolute limits", () => expect(sessionVerdict(s, now, 120)).toBe("alive"));
  it("ends on sign-out, idle gap, absolute limit, inactive volunteer or a changed phone", () => {
    expect(sessionVerdict({ ...s, endedAt: now }, now, 120)).toBe("ended");
    expect(sessionVerdict({ ...s, lastSeenAt: new Date(now.getTime() - 121 * 60_000) }, now, 120)).toBe("idle");
    expect(sessionVerdict({ ...s, expiresAt: now }, now, 120)).toBe("absolute");
    expect(sessionVerdict({ ...s, volunteerActive: false }, now, 120)).toBe("inactive");
    expect(sessionVerdict({ ...s, phoneStillTheirs: false }, now, 120)).toBe("phone_changed");
  });
});

describe("star progress", () => {
  it("counts the way from the last threshold to the next", () => {
    expect(starProgress(0, 0)).toEqual({ next: 1, hoursToNext: 100, percent: 0 });
    expect(starProgress(50, 0)).toEqual({ next: 1, hoursToNext: 50, percent: 50 });
    expect(starProgress(200, 1)).toEqual({ next: 2, hoursToNext: 100, percent: 50 });
    expect(starProgress(1600, 5)).toEqual({ next: null, hoursToNext: null, percent: 100 });
  });
});

describe("SMS providers", () => {
  it("the outbox appends one JSON line {to, text, at} per message, creating the folder", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sms-")), "deep", "outbox.jsonl");
    const p = outboxProvider(file);
    await Promise.all([p.send({ to: "13900000001", text: "验证码 123456" }), p.send({ to: "13900000002", text: "验证码 654321" })]);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.to).sort()).toEqual(["13900000001", "13900000002"]);
    expect(Object.keys(lines[0]).sort()).toEqual(["at", "text", "to"]);
    expect(Number.isNaN(Date.parse(lines[0].at))).toBe(false);
  });
  it("the http gateway posts JSON with the bearer token and fails loudly on an error status", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const ok = httpProvider("https://sms.example.cn/send", "tok", "青岛志愿", (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response("{}", { status: 200 });
    }) as unknown as typeof fetch);
    await ok.send({ to: "13900000001", text: "t" });
    expect(calls[0]!.url).toBe("https://sms.example.cn/send");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ to: "13900000001", text: "t", sign: "青岛志愿" });
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe("Bearer tok");
    const bad = httpProvider("https://sms.example.cn/send", undefined, "s", (async () => new Response("no", { status: 500 })) as unknown as typeof fetch);
    await expect(bad.send({ to: "1", text: "t" })).rejects.toThrow("短信网关返回 500");
  });
});
