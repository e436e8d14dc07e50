import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Public pages carry only the messages their own forms use: no administration or security text of
 * the portal in the HTML of /join and /request, and a page a fraction of its former 62 KB.
 */
const dir = path.resolve(__dirname, "../lib/i18n/messages/zh-CN");
const strings = (o: unknown): string[] => (typeof o === "string" ? [o] : o && typeof o === "object" ? Object.values(o).flatMap(strings) : []);
/** Distinctive strings (long enough not to occur by chance) of the security file and core's admin section. */
const portalOnly = [...strings(JSON.parse(fs.readFileSync(path.join(dir, "security.json"), "utf8"))), ...strings(JSON.parse(fs.readFileSync(path.join(dir, "core.json"), "utf8")).admin)].filter(
  (s) => s.length >= 8 && !/[{}]/.test(s),
);

for (const url of ["/join", "/request"]) {
  test(`${url} sends no admin or security messages, and is small`, async ({ request }) => {
    expect(portalOnly.length).toBeGreaterThan(5);
    const res = await request.get(url);
    expect(res.status()).toBe(200);
    const html = await res.text();
    const leaked = portalOnly.filter((s) => html.includes(s));
    expect(leaked).toEqual([]);
    expect(html.length).toBeLessThan(45_000);
  });
}
