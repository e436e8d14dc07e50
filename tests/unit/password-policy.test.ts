import { describe, expect, it } from "vitest";
import { checkPassword, passwordExpired } from "@/lib/auth/password-policy";

describe("password policy", () => {
  it("accepts a long password with three character classes", () => {
    expect(checkPassword("Qingdao#Wmb7", "laixi_wmb")).toBeNull();
  });
  it("refuses short ones, naming the rule", () => {
    expect(checkPassword("Ab1#", "x")).toBe("密码至少 8 个字符");
  });
  it("refuses fewer than three character classes", () => {
    expect(checkPassword("abcdefgh12", "x")).toMatch(/至少三类/);
  });
  it("refuses the username itself", () => {
    expect(checkPassword("Laixi_Wmb1", "laixi_wmb1")).toBe("密码不能与用户名相同");
  });
  it("refuses common passwords even when they meet the classes", () => {
    expect(checkPassword("Password1", "x")).toBe("密码过于常见，请换一个");
  });
  it("expires after 90 days", () => {
    const d = new Date("2026-08-01T00:00:00Z");
    expect(passwordExpired(d, new Date("2026-10-29T00:00:00Z"))).toBe(false);
    expect(passwordExpired(d, new Date("2026-10-31T00:00:00Z"))).toBe(true);
  });
});
