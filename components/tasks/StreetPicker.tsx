"use client";
import { useId, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { FIELD_CLASS } from "@/components/ui/FilterSelect";
import type { StreetPlace } from "@/lib/tasks/queries";

/**
 * The street picker of the task pages: the streets grouped by district (<optgroup>), and — when there
 * are more than a handful (a city 文明办 sees 141) — a search box that narrows the list by street or
 * district name. The chosen street always stays in the list. Works as a plain form field (`name`),
 * controlled (`value` + `onChange`) or not (`defaultValue`).
 */
export function StreetPicker({
  label,
  name,
  streets,
  value,
  defaultValue,
  onChange,
  allLabel,
  required,
  testId,
  className,
  selectClassName = FIELD_CLASS,
}: {
  label: string;
  name: string;
  streets: Pick<StreetPlace, "code" | "name" | "districtName">[];
  value?: string;
  defaultValue?: string;
  onChange?: (code: string) => void;
  allLabel?: string;
  required?: boolean;
  testId?: string;
  className?: string;
  selectClassName?: string;
}) {
  const t = useTranslations("tasks.filters");
  const id = useId();
  const [q, setQ] = useState("");
  const [own, setOwn] = useState(defaultValue ?? "");
  const current = value ?? own;
  const groups = useMemo(() => {
    const needle = q.trim();
    const out = new Map<string, Pick<StreetPlace, "code" | "name">[]>();
    for (const s of streets) {
      if (needle && s.code !== current && !s.name.includes(needle) && !s.districtName.includes(needle)) continue;
      const list = out.get(s.districtName) ?? [];
      list.push(s);
      out.set(s.districtName, list);
    }
    return [...out.entries()];
  }, [streets, q, current]);
  const searchable = streets.length > 12;
  const matches = groups.reduce((n, [, l]) => n + l.length, 0);
  return (
    <div className={`text-sm text-gray-700 ${className ?? ""}`}>
      <label htmlFor={`${id}-select`}>{label}</label>
      {searchable && (
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label={t("streetSearch")}
          aria-describedby={q ? `${id}-count` : undefined}
          placeholder={t("streetSearchPlaceholder")}
          className={selectClassName}
          data-testid={testId ? `${testId}-search` : undefined}
        />
      )}
      <select
        id={`${id}-select`}
        name={name}
        value={current}
        required={required}
        onChange={(e) => {
          setOwn(e.target.value);
          onChange?.(e.target.value);
        }}
        className={selectClassName}
        data-testid={testId}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {groups.map(([district, list]) => (
          <optgroup key={district} label={district}>
            {list.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {searchable && q && (
        <span id={`${id}-count`} className="mt-0.5 block text-xs text-gray-600" aria-live="polite">
          {t("streetMatches", { n: matches })}
        </span>
      )}
    </div>
  );
}
