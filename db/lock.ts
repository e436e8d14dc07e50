import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock between processes, and two processes writing one data directory corrupt it.
 * Every entry point that opens the embedded database takes this lock first: a file beside the data
 * directory holding the owner's pid and command. A lock whose process is gone is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    message: string,
    public readonly holder: LockInfo,
  ) {
    super(message);
    this.name = "DataDirLockedError";
  }
}

export interface LockInfo {
  pid: number;
  command: string;
  since: string;
}

const held = new Map<string, string>();

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPathFor(dataDir), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** Takes the lock for `dataDir` for this process (re-entrant). Throws DataDirLockedError if held. */
export function acquireDataDirLock(dataDir: string): void {
  const file = lockPathFor(dataDir);
  if (held.has(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, command: process.argv.slice(1).join(" ").slice(0, 300), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      held.set(file, file);
      process.once("exit", () => releaseDataDirLock(dataDir));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) {
        throw new DataDirLockedError(
          `嵌入式数据库目录 ${path.resolve(dataDir)} 正被进程 ${holder.pid} 使用（${holder.command}，自 ${holder.since}）。` +
            `请先停止该进程，或设置另一个 PGLITE_DIR。 (data directory is locked by pid ${holder.pid})`,
          holder,
        );
      }
      // Stale lock (its process is gone, or it is our own pid from a previous life): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

export function releaseDataDirLock(dataDir: string): void {
  const file = lockPathFor(dataDir);
  if (!held.has(file)) return;
  held.delete(file);
  const holder = readLock(dataDir);
  if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}
