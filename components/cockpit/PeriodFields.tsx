"use client";
import { useRef } from "react";

/**
 * Period preset + date range. Picking dates switches the preset to "custom" so the submitted URL
 * says what the user sees; without JavaScript the form still works (choose 自定义 by hand).
 */
export function PeriodFields(props: { kind: string; from: string; to: string; labels: { period: string; from: string; to: string; kinds: Record<string, string> }; className: string }) {
  const select = useRef<HTMLSelectElement>(null);
  const toCustom = () => {
    if (select.current) select.current.value = "custom";
  };
  return (
    <>
      <label className="text-sm text-gray-700">
        {props.labels.period}
        <select ref={select} name="period" defaultValue={props.kind} className={props.className} data-testid="filter-period">
          {Object.entries(props.labels.kinds).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-gray-700">
        {props.labels.from}
        <input type="date" name="from" defaultValue={props.from} onChange={toCustom} className={props.className} data-testid="filter-from" />
      </label>
      <label className="text-sm text-gray-700">
        {props.labels.to}
        <input type="date" name="to" defaultValue={props.to} onChange={toCustom} className={props.className} data-testid="filter-to" />
      </label>
    </>
  );
}
