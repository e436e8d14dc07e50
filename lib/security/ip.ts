import { env } from "@/lib/env";

/**
 * The client address for audit, the per-IP login limit, rate limits and the admin IP allow-list.
 *
 * TRUST_PROXY_HOPS says how many reverse proxies stand in front of the app (default 0):
 * - 0: nobody in front. The address is the TCP peer that scripts/serve.mjs records in
 *   `x-civic-peer` (it overwrites whatever a client sends under that name); X-Forwarded-For and
 *   X-Real-IP are the client's own words and are ignored. Without that server (plain `next start`)
 *   the address is unknown (null), never a header the client chose.
 * - N ≥ 1: the entry N places from the right of X-Forwarded-For — what the outermost trusted
 *   proxy saw (each proxy appends its peer, e.g. nginx `$proxy_add_x_forwarded_for`).
 */
export function clientIpFrom(get: (name: string) => string | null | undefined, hopsSetting?: number): string | null {
  const hops = hopsSetting ?? env().TRUST_PROXY_HOPS;
  if (hops === 0) {
    const peer = get("x-civic-peer")?.trim();
    return peer ? normalizeIp(peer) : null;
  }
  const fwd = get("x-forwarded-for");
  if (!fwd) return null;
  const parts = fwd.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = parts.length >= hops ? parts[parts.length - hops] : undefined;
  return ip ? normalizeIp(ip) : null;
}

export function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** An allow-list entry: an IPv4 address, an IPv4 CIDR (10.0.0.0/8) or an exact IPv6 address. */
export function isValidAllowEntry(entry: string): boolean {
  const [addr, bits, extra] = entry.split("/");
  if (extra !== undefined || !addr) return false;
  if (ipv4ToInt(addr) !== null) return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
  return bits === undefined && /^[0-9a-f:]+$/i.test(addr) && addr.includes(":");
}

export function ipAllowed(ip: string | null, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  if (!ip) return false;
  const n = ipv4ToInt(normalizeIp(ip));
  for (const entry of allowList) {
    const [addr, bits] = entry.split("/");
    if (n === null) {
      if (addr!.toLowerCase() === ip.toLowerCase()) return true;
      continue;
    }
    const base = ipv4ToInt(addr!);
    if (base === null) continue;
    const b = bits === undefined ? 32 : Number(bits);
    const mask = b === 0 ? 0 : (~0 << (32 - b)) >>> 0;
    if (((n & mask) >>> 0) === ((base & mask) >>> 0)) return true;
  }
  return false;
}
