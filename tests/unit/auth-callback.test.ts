import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/rules";

/** Issue 14 finding 3: after login the browser may only be sent to a path of this site. */
describe("safeCallbackPath (open redirect after login)", () => {
  it.each([
    "//evil.example",
    "/.//evil.example",
    "/..//evil.example/phish",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/\\evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "https://evil.example/cockpit",
    "javascript:alert(1)",
    "/./\\evil.example",
    "/\u0000//evil.example",
    "evil.example",
    "/login?callbackUrl=//evil.example",
    "/api/auth/signout",
  ])("refuses %j", (raw) => {
    const out = safeCallbackPath(raw);
    expect(out).toBe("/cockpit");
    // Whatever the input, the answer is a single-slash path a browser cannot read as a host.
    expect(out.startsWith("//") || out.startsWith("/\\")).toBe(false);
  });

  it.each([
    ["/tasks?status=overdue", "/tasks?status=overdue"],
    ["/regions/370285", "/regions/370285"],
    ["/totp", "/totp"],
    ["/a/../tasks", "/tasks"],
  ])("keeps the same-site path %j", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it("uses the first value and the fallback when absent", () => {
    expect(safeCallbackPath(["/tasks", "//evil.example"])).toBe("/tasks");
    expect(safeCallbackPath(undefined, "/dispatch")).toBe("/dispatch");
  });
});

describe("homeFor: each role lands on its work after login", () => {
  it("street offices on tasks, organization admins on activities, 文明办 and leaders on the cockpit, admins on the console", async () => {
    const { homeFor, canOpen } = await import("@/lib/auth/rules");
    expect(homeFor("street_officer")).toBe("/tasks");
    expect(homeFor("org_admin")).toBe("/service-hours");
    expect(homeFor("wmb_staff")).toBe("/cockpit");
    expect(homeFor("leader")).toBe("/cockpit");
    for (const r of ["sysadmin", "secadmin", "auditor"] as const) expect(homeFor(r)).toBe("/admin");
    // A role is never sent to an area it may not open.
    expect(canOpen("street_officer", "tasks")).toBe(true);
    expect(canOpen("org_admin", "service-hours")).toBe(true);
  });
});
