import { setLocale } from "@/lib/i18n/actions";
import { LOCALES, type Locale } from "@/lib/i18n/config";

const LABELS: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

/** Language switch: a plain form per language, works without JavaScript. */
export function LocaleSwitch({ current, label }: { current: string; label: string }) {
  return (
    <div className="flex items-center gap-1 text-sm" role="group" aria-label={label} data-testid="locale-switch">
      {LOCALES.map((l) => (
        <form key={l} action={setLocale}>
          <input type="hidden" name="locale" value={l} />
          <button
            type="submit"
            aria-pressed={current === l}
            className={`rounded px-2 py-1 ${current === l ? "bg-gray-200 font-semibold text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}
            data-testid={`locale-${l}`}
          >
            {LABELS[l]}
          </button>
        </form>
      ))}
    </div>
  );
}
