/** zod helpers for FormData fields (server actions parse `formToObject(fd)` with these). */
import { z } from "zod";

/** A form field sent once, several times or not at all (checkbox lists) as a list of positive ids. */
export const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive("编号无效")),
);

/** Empty form fields (an unselected option, a blank optional input) as "not given" for these keys. */
export function blankToUndefined<S extends z.ZodTypeAny>(schema: S, keys: readonly string[]) {
  return z.preprocess((v) => {
    if (!v || typeof v !== "object") return v;
    const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const k of keys) if (o[k] === "") o[k] = undefined;
    return o;
  }, schema);
}
