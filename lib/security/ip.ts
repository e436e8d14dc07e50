import { env } from "@/lib/env";

/**
 * The client address for audit, the per-IP login limit and the admin IP allow-list.
 *
 * `next start` fills X-Forwarded-For with the socket address only when the request has none, so a
 * client can send its own. We therefore read the entry TRUST_PROXY_HOPS places from the right
 * (default 1: the address appended by the nearest hop — our reverse proxy in production, or Next
 * itself when nothing was sent). Deploy behind a proxy that sets or appends $remote_addr.
 */
export function clientIpFrom(get: (name: string) => string | null | undefined): string | null {
  const hops = env().TRUST_PROXY_HOPS;
  const fwd = get("x-forwarded-for");
  if (fwd) {
    const parts = fwd.split(",").map((s) => s.trim()).filter(Boolean);
    const ip = parts[Math.max(0, parts.length - hops)];
    if (ip) return normalizeIp(ip);
  }
  const real = get("x-real-ip");
  return real ? normalizeIp(real.trim()) : null;
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
