import type { Area } from "@/lib/auth/rules";

/** Sidebar entries in order: area (for the role check and the label key) → path. */
export const NAV: { area: Area; href: string; icon: string }[] = [
  { area: "cockpit", href: "/cockpit", icon: "▦" },
  { area: "regions", href: "/regions", icon: "◎" },
  { area: "tasks", href: "/tasks", icon: "✓" },
  { area: "volunteers", href: "/volunteers", icon: "♥" },
  { area: "organizations", href: "/organizations", icon: "◈" },
  { area: "service-hours", href: "/service-hours", icon: "◷" },
  { area: "timebank", href: "/timebank", icon: "¤" },
  { area: "dispatch", href: "/dispatch", icon: "⇄" },
  { area: "reports", href: "/reports", icon: "▤" },
  { area: "admin", href: "/admin", icon: "⚙" },
];
