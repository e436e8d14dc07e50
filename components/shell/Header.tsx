import { LocaleSwitch } from "./LocaleSwitch";
import { LogoutButton } from "./LogoutButton";

/** Who is signed in, in which role and scope ("莱西市 · 文明办"), the language switch and logout. */
export function Header(props: {
  displayName: string;
  scopeLabel: string;
  locale: string;
  labels: { logout: string; language: string };
  /** Set on deployments holding generated data: a visible "演示数据" mark with its explanation. */
  demoLabel?: string;
  demoHint?: string;
}) {
  return (
    <header className="no-print flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 bg-white px-4 py-2">
      <div className="min-w-0">
        <span className="font-medium text-gray-900" data-testid="user-name">
          {props.displayName}
        </span>
        <span className="ml-2 rounded bg-red-50 px-2 py-0.5 text-sm text-red-800" data-testid="user-scope">
          {props.scopeLabel}
        </span>
        {props.demoLabel && (
          <span className="ml-2 rounded border border-amber-400 bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900" title={props.demoHint} data-testid="demo-mark">
            {props.demoLabel}
          </span>
        )}
      </div>
      <div className="flex items-center gap-3">
        <LocaleSwitch current={props.locale} label={props.labels.language} />
        <LogoutButton label={props.labels.logout} />
      </div>
    </header>
  );
}
