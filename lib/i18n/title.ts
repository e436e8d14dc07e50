import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/**
 * A page's browser title from message keys, most specific first ("看板", "整改任务"); the root
 * layout's template adds the app name: "看板 · 整改任务 · 创城驾驶舱". Values fill placeholders.
 */
export async function pageTitle(keys: readonly string[], values?: Record<string, string | number>): Promise<Metadata> {
  const t = await getTranslations();
  return { title: keys.map((k) => t(k, values)).join(" · ") };
}
