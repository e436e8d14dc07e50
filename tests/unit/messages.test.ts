import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "@/lib/i18n/request";

const dir = path.resolve(__dirname, "../../lib/i18n/messages");
const load = (loc: string) => Object.assign({}, ...NAMESPACES.map((ns) => JSON.parse(fs.readFileSync(path.join(dir, loc, `${ns}.json`), "utf8"))));

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message files", () => {
  it("English has exactly the keys Chinese has, so no screen falls back to a raw key", () => {
    expect(keys(load("en")).sort()).toEqual(keys(load("zh-CN")).sort());
  });
  it("every namespace file is listed and no two files claim the same top-level key", () => {
    const files = fs.readdirSync(path.join(dir, "zh-CN")).map((f) => f.replace(/\.json$/, "")).sort();
    expect(files).toEqual([...NAMESPACES].sort());
    const tops = NAMESPACES.flatMap((ns) => Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "zh-CN", `${ns}.json`), "utf8"))));
    expect(new Set(tops).size).toBe(tops.length);
  });
});
