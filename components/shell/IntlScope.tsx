import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/pick";

/**
 * The client-side messages of one part of the site (lib/i18n/pick.ts): `part="portal"` sends all of
 * them (signed-in staff), a public part only the subtrees its client components use.
 */
export async function IntlScope({ part, children }: { part: keyof typeof CLIENT_MESSAGES | "portal"; children: React.ReactNode }) {
  const all = await getMessages();
  const messages = part === "portal" ? all : pickMessages(all, CLIENT_MESSAGES[part]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
