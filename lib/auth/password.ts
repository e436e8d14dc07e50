import bcrypt from "bcryptjs";

/** bcrypt with cost 10 (~70 ms here): slow enough for stored passwords, fast enough for tests. */
export const BCRYPT_COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
