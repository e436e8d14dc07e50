import { describe, expect, it } from "vitest";
import { validateRegistration } from "@/lib/volunteers/registration";
import { ageOn, checkTypedAgainstId, makeIdCard, normalizeMobile, parseIdCard, parseSector, splitList } from "@/lib/volunteers/rules";

const TODAY = "2026-11-30";
const ID_M = makeIdCard("370285", "1990-05-17", 13); // odd 17th digit → male
const ID_X = "11010519491231002X"; // the standard's worked example, check character X, female

const base = { name: "张三", idCard: ID_M, phone: "13812345678", communityCode: "370285001001" };

describe("registration validation (Chinese messages naming the field)", () => {
  it("accepts a valid registration and derives gender and birth date from the ID", () => {
    const r = validateRegistration(base, TODAY);
    expect(r).toMatchObject({ ok: true, data: { gender: "M", birthDate: "1990-05-17", idCard: ID_M, phone: "13812345678" } });
  });
  it("accepts a lower-case x check character and normalizes it", () => {
    const r = validateRegistration({ ...base, idCard: ID_X.toLowerCase() }, TODAY);
    expect(r).toMatchObject({ ok: true, data: { idCard: ID_X, gender: "F", birthDate: "1949-12-31" } });
  });
  it("refuses a wrong check digit on the idCard field", () => {
    const wrong = ID_M.slice(0, 17) + (ID_M[17] === "1" ? "2" : "1");
    const r = validateRegistration({ ...base, idCard: wrong }, TODAY);
    expect(r).toEqual({ ok: false, errors: [{ field: "idCard", message: "身份证号校验位不正确" }] });
  });
  it("checks typed gender and birth date against the ID", () => {
    const r = validateRegistration({ ...base, gender: "F", birthDate: "1990-05-18" }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(["gender", "birthDate"]);
    expect(r.errors[0]!.message).toContain("性别与身份证号不符");
    expect(r.errors[1]!.message).toContain("1990-05-17");
    expect(validateRegistration({ ...base, gender: "男", birthDate: "1990-05-17" }, TODAY).ok).toBe(true);
  });
  it("refuses bad phones, missing community, unknown sectors, and names each field", () => {
    const r = validateRegistration({ name: "x", idCard: "", phone: "12812345678", communityCode: "370285001", sectorIntentions: ["养花"] }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
    expect(fields.name).toContain("姓名");
    expect(fields.idCard).toBe("身份证号不能为空");
    expect(fields.phone).toContain("手机号");
    expect(fields.communityCode).toContain("社区");
    expect(fields.sectorIntentions).toContain("养花");
  });
  it("refuses someone younger than 14 and a birth date in the future", () => {
    const child = makeIdCard("370285", "2016-01-01", 12);
    expect(validateRegistration({ ...base, idCard: child }, TODAY)).toMatchObject({ ok: false, errors: [{ field: "idCard" }] });
    const future = makeIdCard("370285", "2027-01-01", 12);
    expect(validateRegistration({ ...base, idCard: future }, TODAY)).toMatchObject({ ok: false, errors: [{ field: "idCard", message: "身份证号中的出生日期晚于今天" }] });
  });
  it("accepts sectors by key or Chinese name and de-duplicates lists", () => {
    const r = validateRegistration({ ...base, sectorIntentions: "关爱老年、elderly，环境保护", skills: "急救，摄影、急救" }, TODAY);
    expect(r).toMatchObject({ ok: true, data: { sectorIntentions: ["elderly", "environment"], skills: ["急救", "摄影"] } });
  });
  it("accepts transliterated names with a middle dot and refuses digits", () => {
    expect(validateRegistration({ ...base, name: "阿卜杜·热合曼" }, TODAY).ok).toBe(true);
    expect(validateRegistration({ ...base, name: "张3" }, TODAY).ok).toBe(false);
  });
});

describe("helpers", () => {
  it("normalizes mobile numbers as typed", () => {
    expect(normalizeMobile("+86 138-1234-5678")).toBe("13812345678");
    expect(normalizeMobile("0086 13812345678")).toBe("13812345678");
  });
  it("computes age in full years", () => {
    expect(ageOn("1990-05-17", "2026-05-16")).toBe(35);
    expect(ageOn("1990-05-17", "2026-05-17")).toBe(36);
  });
  it("derives female from an even 17th digit and checks typed values", () => {
    const id = parseIdCard(makeIdCard("370202", "2000-02-29", 2));
    expect(id).toMatchObject({ ok: true, gender: "F", birthDate: "2000-02-29" });
    if (!id.ok) return;
    expect(checkTypedAgainstId(id, { gender: "女", birthDate: "2000-02-29" })).toEqual([]);
    expect(checkTypedAgainstId(id, { gender: "X" })[0]!.field).toBe("gender");
  });
  it("reads sectors and lists", () => {
    expect(parseSector("城市温暖提升")).toBe("urban_warmth");
    expect(parseSector("safety_rescue")).toBe("safety_rescue");
    expect(parseSector("跳舞")).toBeNull();
    expect(splitList(" a ; b|a\nc ")).toEqual(["a", "b", "c"]);
  });
});
