import type { Queryable } from "@/db/client";
import { env } from "@/lib/env";
import { foldRollups } from "./rollup";

/**
 * The app's rollup folder: every `ROLLUP_FOLD_INTERVAL_SECONDS` (default 5) it folds committed
 * deltas into the level rows (lib/metrics/rollup.ts). Started by the first cockpit read of the
 * process; the timer does not keep the process alive. Several processes may each run one: the
 * fold takes a try-lock, so one folds and the others skip that round. Not started under tests
 * (NODE_ENV=test), which fold when they mean to.
 */
const g = globalThis as unknown as { __civicFolder?: { timer: ReturnType<typeof setInterval>; running: boolean } };

export function ensureRollupFolder(db: Queryable): void {
  if (g.__civicFolder || env().NODE_ENV === "test") return;
  const state = { timer: undefined as unknown as ReturnType<typeof setInterval>, running: false };
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    foldRollups(db)
      .catch((e) => console.error(`[rollups] fold failed: ${(e as Error).message}`))
      .finally(() => {
        state.running = false;
      });
  }, env().ROLLUP_FOLD_INTERVAL_SECONDS * 1000);
  state.timer.unref?.();
  g.__civicFolder = state;
}
