import { IntlScope } from "@/components/shell/IntlScope";

/** Public pages send the browser only the messages their forms use (lib/i18n/pick.ts). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <IntlScope part="request">{children}</IntlScope>;
}
