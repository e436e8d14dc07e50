import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * public/robots.txt read the way the large crawlers (Google, Bing, Baidu) read it: the longest
 * matching rule wins, Allow wins a tie, `$` anchors the end.
 */
const rules = fs
  .readFileSync(path.resolve(__dirname, "../../public/robots.txt"), "utf8")
  .split("\n")
  .map((l) => /^(Allow|Disallow):\s*(\S*)/i.exec(l.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ allow: m[1]!.toLowerCase() === "allow", pattern: m[2]! }));

function crawlable(urlPath: string): boolean {
  let best: { allow: boolean; length: number } | null = null;
  for (const r of rules) {
    const anchored = r.pattern.endsWith("$");
    const p = anchored ? r.pattern.slice(0, -1) : r.pattern;
    if (anchored ? urlPath !== p : !urlPath.startsWith(p)) continue;
    if (!best || r.pattern.length > best.length || (r.pattern.length === best.length && r.allow)) best = { allow: r.allow, length: r.pattern.length };
  }
  return best ? best.allow : true;
}

describe("robots.txt", () => {
  it("lets crawlers index the residents' public pages", () => {
    for (const p of ["/", "/activities", "/activities/12", "/request", "/request/follow", "/verify", "/verify/QDZM2026000123"]) {
      expect(crawlable(p), p).toBe(true);
    }
  });
  it("keeps them out of the staff portal, the sign-in pages and the API", () => {
    for (const p of ["/cockpit", "/tasks/15", "/volunteers", "/dispatch", "/reports/monthly", "/admin/users", "/login", "/totp", "/api/v1/demands", "/api/health"]) {
      expect(crawlable(p), p).toBe(false);
    }
  });
});
