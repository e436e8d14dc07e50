import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { IntlScope } from "@/components/shell/IntlScope";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "创城驾驶舱 · Civic Cockpit", template: "%s · 创城驾驶舱" },
  description: "青岛市全国文明城市创建百日攻坚 · 志愿之城 驾驶舱",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "16x16 32x32 48x48" }] },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Only the shared messages here; each part of the site adds what its client components use. */}
        <IntlScope part="root">{children}</IntlScope>
      </body>
    </html>
  );
}
