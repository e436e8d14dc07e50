/** The input style every filter form and picker uses. */
export const FIELD_CLASS = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";

export interface SelectOption {
  value: string | number;
  label: string;
}

/**
 * A labelled <select> for GET filter forms: the current value from the URL as the default, an
 * optional "all" choice (empty value), and a test id. Server-renderable (no client state).
 */
export function FilterSelect({ label, name, value, allLabel, options, testId, className }: { label: string; name: string; value?: string | number | null; allLabel?: string; options: readonly SelectOption[]; testId?: string; className?: string }) {
  return (
    <label className={`text-sm text-gray-700 ${className ?? ""}`}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={FIELD_CLASS} data-testid={testId}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
