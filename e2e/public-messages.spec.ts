import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Public pages carry only the messages their own forms use: no administration or security text of
 * the portal in the HTML of /join and /request, and a page a fraction of its former 62 KB.
 */
const dir = path.resolve(__dirname, "../lib/i18n/messages/zh-CN");
const strings = (o: unknown): string[] => (typeof o === "string" ? [o] : o && typeof o === "object" ? Object.values(o).flatMap(strings) : []);
const read = (ns: string) => JSON.parse(fs.readFileSync(path.join(dir, `${ns}.json`), "utf8"));
const { admin, ...coreRest } = read("core");
/** Texts every other message file also uses (e.g. "导出 Excel") prove nothing; the rest are the portal's own. */
const elsewhere = new Set([...strings(coreRest), ...["cockpit", "tasks", "volunteers", "reports", "activities", "timebank", "dispatch"].flatMap((ns) => strings(read(ns)))]);
/** Distinctive strings (long enough not to occur by chance) of the security file and core's admin section. */
const portalOnly = [...strings(read("security")), ...strings(admin)].filter((s) => s.length >= 6 && !/[{}]/.test(s) && !elsewhere.has(s));

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
