import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const start = readme.indexOf("## Layout");
const layout = readme.slice(start, readme.indexOf("\n## ", start + 1));
/** Folders a checkout makes at run time (build output, data, reports): not part of the layout. */
const generated = /^(node_modules|test-results.*|playwright-report|coverage|tmp)$/;

describe("README layout", () => {
  it("names every top-level folder of the repository", () => {
    const folders = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && (!d.name.startsWith(".") || d.name === ".ci") && !generated.test(d.name))
      .map((d) => d.name);
    expect(folders).toContain("public");
    expect(folders.filter((f) => !new RegExp(`^${f.replace(".", "\\.")}/`, "m").test(layout))).toEqual([]);
  });
  it("names every component folder", () => {
    const folders = fs.readdirSync(path.join(root, "components"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !new RegExp(`^\\s+${f}/`, "m").test(layout))).toEqual([]);
  });
});
