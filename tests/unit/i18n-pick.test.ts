/** What each public part of the site sends the browser: only the subtrees named, never the portal's admin or security texts. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/pick";
import { NAMESPACES } from "@/lib/i18n/request";

const dir = path.resolve(__dirname, "../../lib/i18n/messages/zh-CN");
const all = Object.assign({}, ...NAMESPACES.map((ns) => JSON.parse(fs.readFileSync(path.join(dir, `${ns}.json`), "utf8"))));

describe("pickMessages", () => {
  it("keeps exactly the named subtrees, nested paths included", () => {
    const m = pickMessages({ a: { x: 1, y: 2 }, b: { c: { d: 3 }, e: 4 }, f: 5 }, ["a", "b.c", "missing.path"]);
    expect(m).toEqual({ a: { x: 1, y: 2 }, b: { c: { d: 3 } } });
  });

  it("public parts carry no admin or security texts (only the login form's part of security, on the login page)", () => {
    for (const part of ["root", "join", "request"] as const) {
      const m = pickMessages(all, CLIENT_MESSAGES[part]);
      expect(Object.keys(m)).not.toContain("admin");
      expect(Object.keys(m)).not.toContain("security");
      expect(JSON.stringify(m).length).toBeLessThan(JSON.stringify(all).length / 3);
    }
    expect(Object.keys(pickMessages(all, CLIENT_MESSAGES.auth).security as object)).toEqual(["login"]);
  });
});
