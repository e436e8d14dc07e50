import { cstDate } from "./rollup";
import { env } from "@/lib/env";

/** "Today" for the cockpit: AS_OF (tests, demos of a past day) or the current date in China. */
export function today(): string {
  const v = env().AS_OF;
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : cstDate();
}
