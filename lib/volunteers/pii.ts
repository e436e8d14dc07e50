import crypto from "node:crypto";
import { piiKey } from "../env";

/**
 * Personal information at rest: AES-256-GCM with a random 96-bit IV per value, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). Exact lookup and de-duplication use a keyed hash
 * (HMAC-SHA256 with a key derived from the same secret), never the plain value.
 */
function keys(key: Buffer = piiKey()) {
  const enc = crypto.createHmac("sha256", key).update("civic-cockpit/pii/enc").digest();
  const mac = crypto.createHmac("sha256", key).update("civic-cockpit/pii/mac").digest();
  return { enc, mac };
}

let cache: { enc: Buffer; mac: Buffer } | undefined;
function k() {
  cache ??= keys();
  return cache;
}

export function encryptPii(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", k().enc, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptPii(stored: string): string {
  const [v, iv, tag, ct] = stored.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("无法识别的加密字段格式");
  const decipher = crypto.createDecipheriv("aes-256-gcm", k().enc, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** Keyed hash for exact lookup; input is normalized (trim, upper-case X). */
export function piiHash(plain: string): string {
  return crypto.createHmac("sha256", k().mac).update(plain.trim().toUpperCase()).digest("base64url");
}
