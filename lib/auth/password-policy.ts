import fs from "node:fs";
import path from "node:path";

/**
 * Password policy (等保 2.0 level 3 identity requirements): at least 8 characters, three of the four
 * character classes, not the username, not one of the 10,000 most common passwords.
 */
export const MIN_LENGTH = 8;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "auth", "common-passwords.txt");
    common = new Set(fs.readFileSync(file, "utf8").split("\n").filter(Boolean));
  }
  return common;
}

export function characterClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

/** Null when acceptable, otherwise the Chinese reason. */
export function checkPassword(pw: string, username: string): string | null {
  if (pw.length < MIN_LENGTH) return `密码至少 ${MIN_LENGTH} 个字符`;
  if (characterClasses(pw) < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  if (pw.toLowerCase() === username.trim().toLowerCase()) return "密码不能与用户名相同";
  if (commonPasswords().has(pw.toLowerCase())) return "密码过于常见，请换一个";
  return null;
}

/** Days after which a password must be changed (configurable; default 90). */
export const PASSWORD_MAX_AGE_DAYS = 90;

export function passwordExpired(changedAt: Date, now: Date, maxAgeDays = PASSWORD_MAX_AGE_DAYS): boolean {
  return now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
