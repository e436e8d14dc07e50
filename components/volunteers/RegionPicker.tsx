"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

interface Opt {
  code: string;
  name: string;
}

const LEVEL_LEN = [6, 9, 12] as const;
const cache = new Map<string, Promise<Opt[]>>();

function children(parent: string): Promise<Opt[]> {
  let p = cache.get(parent);
  if (!p) {
    p = fetch(`/api/v1/join/regions?parent=${parent}`).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json() as Promise<Opt[]>;
    });
    p.catch(() => cache.delete(parent));
    cache.set(parent, p);
  }
  return p;
}

/**
 * District → street → community selects below `root` (the user's scope, or the city on the public
 * page), loading each level's options when its parent is chosen. The chosen code travels in a
 * hidden input `name`, so the picker works inside plain GET forms and in the registration form.
 */
export function RegionPicker({
  root,
  name,
  value = "",
  requireCommunity = false,
  onChange,
  invalid,
  describedBy,
  testId = "region-picker",
  compact = false,
}: {
  root: string;
  name: string;
  value?: string;
  requireCommunity?: boolean;
  onChange?: (code: string, level: number) => void;
  invalid?: boolean;
  describedBy?: string;
  testId?: string;
  compact?: boolean;
}) {
  const t = useTranslations("volunteers");
  const levels = LEVEL_LEN.filter((n) => n > root.length);
  const initial = levels.map((n) => (value.length >= n && value.startsWith(root) ? value.slice(0, n) : ""));
  const [sel, setSel] = useState<string[]>(initial);
  const [opts, setOpts] = useState<Record<string, Opt[]>>({});
  const [failed, setFailed] = useState(false);

  const parents = [root, ...sel].slice(0, levels.length).filter((p, i) => i === 0 || p !== "");
  const parentsKey = parents.join(",");
  useEffect(() => {
    let live = true;
    for (const p of parentsKey.split(",")) {
      if (!p || p.length >= 12) continue;
      children(p).then(
        (o) => live && setOpts((cur) => (cur[p] ? cur : { ...cur, [p]: o })),
        () => live && setFailed(true),
      );
    }
    return () => {
      live = false;
    };
  }, [parentsKey]);

  const chosen = [...sel].reverse().find((s) => s) ?? "";
  const labels = { 6: t("form.district"), 9: t("form.street"), 12: t("form.community") } as Record<number, string>;
  const cls = `mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600 ${invalid ? "border-red-600" : ""}`;

  return (
    <div className={`grid gap-2 ${compact ? "grid-cols-1 sm:grid-cols-3" : "grid-cols-1 sm:grid-cols-3"}`} data-testid={testId}>
      <input type="hidden" name={name} value={requireCommunity ? (chosen.length === 12 ? chosen : "") : chosen} />
      {levels.map((len, i) => {
        const parent = i === 0 ? root : sel[i - 1];
        const list = parent ? opts[parent] : undefined;
        const disabled = !parent || !list;
        return (
          <label key={len} className="text-sm text-gray-700">
            {labels[len]}
            <select
              className={cls}
              value={sel[i]}
              disabled={disabled}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              data-testid={`${testId}-${len}`}
              onChange={(e) => {
                const next = sel.map((s, k) => (k < i ? s : k === i ? e.target.value : ""));
                setSel(next);
                const c = [...next].reverse().find((s) => s) ?? "";
                onChange?.(c, c.length);
              }}
            >
              <option value="">{parent && !list ? t("regionPicker.loading") : requireCommunity ? t("form.choose") : t("regionPicker.all")}</option>
              {(list ?? []).map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {failed && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3">
          {t("regionPicker.failed")}
        </p>
      )}
    </div>
  );
}
