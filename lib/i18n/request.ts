import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./config";

/**
 * Message files, one per area and locale (lib/i18n/messages/<locale>/<namespace>.json), each with
 * its own top-level key. An area adds its file here.
 */
export const NAMESPACES = ["core", "cockpit", "tasks", "volunteers", "reports", "security", "activities", "timebank", "dispatch", "verify", "structure", "me", "moral"] as const;

// No locale in the URL: the language is a per-user preference kept in a cookie, Chinese by default.
export default getRequestConfig(async () => {
  const c = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(c) ? c : DEFAULT_LOCALE;
  const parts = await Promise.all(NAMESPACES.map((ns) => import(`./messages/${locale}/${ns}.json`).then((m) => m.default as Record<string, unknown>)));
  return { locale, messages: Object.assign({}, ...parts), timeZone: "Asia/Shanghai" };
});
