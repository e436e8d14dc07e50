import { describe, expect, it } from "vitest";
import { ADMIN_ROLES, AREAS, canOpen, canWrite, inScope, lineage, levelOf, scopePattern } from "@/lib/auth/rules";

describe("region scope", () => {
  it("a district sees its streets and communities, not another district", () => {
    expect(inScope("370285", "370285001")).toBe(true);
    expect(inScope("370285", "370285001001")).toBe(true);
    expect(inScope("370285", "370202")).toBe(false);
    expect(inScope("370285", "3702")).toBe(false);
  });
  it("a street does not see its neighbour street", () => {
    expect(inScope("370285001", "370285002001")).toBe(false);
  });
  it("the city sees every district", () => {
    expect(inScope("3702", "370211")).toBe(true);
  });
  it("refuses things that are not region codes (no LIKE wildcards smuggled in)", () => {
    expect(inScope("3702", "3702%")).toBe(false);
    expect(() => scopePattern("37%")).toThrow();
    expect(scopePattern("370285")).toBe("370285%");
  });
  it("knows levels and lineage", () => {
    expect(levelOf("370285001")).toBe("street");
    expect(lineage("370285001001")).toEqual(["3702", "370285", "370285001", "370285001001"]);
  });
});

describe("separation of duties", () => {
  it("administrators open no business area", () => {
    for (const r of ADMIN_ROLES) {
      for (const a of AREAS) expect(canOpen(r, a)).toBe(a === "admin");
    }
  });
  it("business roles never open administration", () => {
    for (const r of ["wmb_staff", "leader", "street_officer", "org_admin"] as const) expect(canOpen(r, "admin")).toBe(false);
  });
  it("leaders read only", () => {
    expect(canWrite("leader")).toBe(false);
    expect(canWrite("street_officer")).toBe(true);
  });
});
