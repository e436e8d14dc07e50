/**
 * The six welfare sectors have one name each, the source's (关爱老年 · 关爱未成年人 · 乡村振兴 ·
 * 城市温暖提升 · 环境保护 · 安全救助): `SECTOR_ZH` is the map, and every message file that names a
 * sector (the cockpit's, the activities') says exactly that; the English names agree across files.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SECTORS } from "@/lib/metrics/rules";
import { SECTOR_KEYS, SECTOR_ZH } from "@/lib/volunteers/rules";

const dir = path.resolve(__dirname, "../../lib/i18n/messages");
const read = (loc: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dir, loc, `${ns}.json`), "utf8"));
/** Every place a message file lists the sectors by key. */
const lists = (loc: string) => ({ cockpit: read(loc, "cockpit").cockpit.sectors, activities: read(loc, "activities").activities.sector });

describe("sector names", () => {
  it("the source's six names, in the one map", () => {
    expect([...SECTOR_KEYS]).toEqual([...SECTORS]);
    expect(Object.values(SECTOR_ZH)).toEqual(["关爱老年", "关爱未成年人", "乡村振兴", "城市温暖提升", "环境保护", "安全救助"]);
  });

  it("every Chinese message file names each sector exactly as the map does", () => {
    for (const [file, names] of Object.entries(lists("zh-CN"))) {
      for (const k of SECTOR_KEYS) expect({ file, key: k, name: names[k] }).toEqual({ file, key: k, name: SECTOR_ZH[k] });
    }
  });

  it("the English names agree across files", () => {
    const { cockpit, activities } = lists("en");
    expect(activities).toEqual(cockpit);
  });
});
