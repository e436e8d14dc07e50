import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockPathFor, releaseDataDirLock } from "@/db/lock";

describe("data directory lock", () => {
  it("refuses a second process and names the holder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
    const data = path.join(dir, "pglite");
    // Another live process holds the lock.
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    fs.writeFileSync(lockPathFor(data), JSON.stringify({ pid: child.pid, command: "next start", since: "2026-11-30T00:00:00Z" }));
    try {
      expect(() => acquireDataDirLock(data)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(data)).toThrow(new RegExp(`${child.pid}.*next start`));
    } finally {
      child.kill();
    }
  });
  it("takes over a lock whose process is gone, and releases it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
    const data = path.join(dir, "pglite");
    fs.writeFileSync(lockPathFor(data), JSON.stringify({ pid: 999999, command: "dead", since: "x" }));
    acquireDataDirLock(data);
    expect(JSON.parse(fs.readFileSync(lockPathFor(data), "utf8")).pid).toBe(process.pid);
    releaseDataDirLock(data);
    expect(fs.existsSync(lockPathFor(data))).toBe(false);
  });
});
