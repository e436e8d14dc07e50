import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hashRecoveryCode, hotp, newRecoveryCodes, newTotpSecret, otpauthUri, totpAt, verifyTotp } from "@/lib/auth/totp";

// RFC 6238 Appendix B: seeds are the ASCII strings below, 8-digit codes.
const SEED1 = Buffer.from("12345678901234567890", "ascii");
const SEED256 = Buffer.from("12345678901234567890123456789012", "ascii");
const SEED512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234", "ascii");
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)("matches the RFC test vector at T=%i for SHA-1, SHA-256 and SHA-512", (t, s1, s256, s512) => {
    const step = Math.floor(t / 30);
    expect(hotp(SEED1, step, 8, "sha1")).toBe(s1);
    expect(hotp(SEED256, step, 8, "sha256")).toBe(s256);
    expect(hotp(SEED512, step, 8, "sha512")).toBe(s512);
  });

  it("RFC 4226 HOTP vectors (6 digits) hold", () => {
    const want = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(want.map((_, i) => hotp(SEED1, i))).toEqual(want);
  });

  it("base32 round-trips and decodes the RFC secret", () => {
    const b32 = base32Encode(SEED1);
    expect(b32).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(b32).equals(SEED1)).toBe(true);
    expect(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq").equals(SEED1)).toBe(true);
    expect(() => base32Decode("1!")).toThrow();
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
  });

  it("accepts the current step and one step either side, nothing further", () => {
    const secret = base32Encode(SEED1);
    const t = 1111111111;
    expect(totpAt(secret, t)).toBe("050471");
    expect(verifyTotp(secret, "050471", t)).toBe(Math.floor(t / 30));
    expect(verifyTotp(secret, totpAt(secret, t - 30), t)).toBe(Math.floor(t / 30) - 1);
    expect(verifyTotp(secret, totpAt(secret, t + 30), t)).toBe(Math.floor(t / 30) + 1);
    expect(verifyTotp(secret, totpAt(secret, t - 60), t)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, t + 60), t)).toBeNull();
    expect(verifyTotp(secret, "12345", t)).toBeNull();
    expect(verifyTotp(secret, "abcdef", t)).toBeNull();
  });

  it("builds an otpauth URI and distinct recovery codes whose hashes ignore case", () => {
    expect(otpauthUri("ABC", "auditor")).toMatch(/^otpauth:\/\/totp\/.+auditor\?secret=ABC&issuer=.+&period=30$/);
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!.toUpperCase())).toBe(hashRecoveryCode(codes[0]!));
  });
});
