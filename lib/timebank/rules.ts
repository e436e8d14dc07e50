/** Pure time-bank rules: pickup codes, idempotency keys, the errors a redemption can answer. */
import { randomInt } from "node:crypto";

/** Unambiguous characters (no 0/O, 1/I/L) for codes read aloud at a counter. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function pickupCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export function isIdempotencyKey(k: unknown): k is string {
  return typeof k === "string" && /^[A-Za-z0-9_:.-]{8,100}$/.test(k);
}

export type RedeemErrorCode = "insufficient_points" | "out_of_stock" | "not_found" | "not_available" | "invalid";

export const REDEEM_MESSAGES: Record<RedeemErrorCode, string> = {
  insufficient_points: "积分不足，无法兑换",
  out_of_stock: "该奖励已兑完",
  not_found: "志愿者或奖励不存在，或不在您的权限范围内",
  not_available: "该奖励不面向此志愿者所在区域",
  invalid: "请求无效",
};

/** A reward offered in a region is open to volunteers living under it. */
export function rewardOpenTo(rewardRegion: string, volunteerCommunity: string): boolean {
  return volunteerCommunity.startsWith(rewardRegion);
}
