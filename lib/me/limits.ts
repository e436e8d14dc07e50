/**
 * Rate limits of the volunteer sign-in (lib/rate-limit.ts API): codes per client address and per
 * phone number (the phone key is its keyed hash, so a registered and an unregistered number are
 * limited alike and the answer reveals nothing), sign-in attempts per address.
 */
import { sharedLimiter } from "@/lib/rate-limit";

/** Code requests per client address. */
export const meCodeAddressLimiter = () =>
  sharedLimiter("me-code-ip", [
    { ms: 60_000, max: 10 },
    { ms: 86_400_000, max: 100 },
  ]);

/** Codes sent to one number: one a minute, 5 an hour, 10 a day. */
export const meCodePhoneLimiter = () =>
  sharedLimiter("me-code-phone", [
    { ms: 60_000, max: 1 },
    { ms: 3_600_000, max: 5 },
    { ms: 86_400_000, max: 10 },
  ]);

/** Sign-in attempts (phone + code) per client address; each code also dies after 5 wrong tries. */
export const meSessionLimiter = () =>
  sharedLimiter("me-session-ip", [
    { ms: 60_000, max: 20 },
    { ms: 86_400_000, max: 200 },
  ]);

export const phoneLimitMessage = (retryAfter: number) => (retryAfter <= 90 ? `验证码发送过于频繁，请 ${retryAfter} 秒后再试` : `该手机号今天获取验证码的次数已达上限，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`);
