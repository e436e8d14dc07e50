"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

/** A count beside a menu entry (e.g. 超期 5), linking to exactly the list it counts. */
export interface NavBadge {
  text: string;
  href: string;
  tone: "alert" | "info";
  testId: string;
}

export interface NavItem {
  href: string;
  label: string;
  icon: string;
  badges?: NavBadge[];
}

const BADGE: Record<NavBadge["tone"], string> = { alert: "bg-white text-red-800", info: "bg-amber-100 text-amber-900" };

/** Navigation: a fixed column on desktop, a collapsible menu on phones. */
export function Sidebar({ items, title, menuLabel }: { items: NavItem[]; title: string; menuLabel: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = (
    <ul className="space-y-1 p-2">
      {items.map((it) => {
        const active = pathname === it.href || pathname.startsWith(`${it.href}/`);
        return (
          <li key={it.href}>
            <Link
              href={it.href}
              onClick={() => setOpen(false)}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm ${
                active ? "bg-red-700 text-white" : "text-red-50 hover:bg-red-800"
              }`}
              data-testid={`nav-${it.href.slice(1)}`}
            >
              <span aria-hidden className="w-4 text-center">
                {it.icon}
              </span>
              {it.label}
            </Link>
            {it.badges && it.badges.length > 0 && (
              <div className="flex flex-wrap gap-1 pb-1 pl-10 pt-0.5">
                {it.badges.map((b) => (
                  <Link key={b.href} href={b.href} onClick={() => setOpen(false)} className={`rounded-full px-2 py-0.5 text-xs font-medium tabular hover:underline ${BADGE[b.tone]}`} data-testid={b.testId}>
                    {b.text}
                  </Link>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
  return (
    <nav aria-label={title} className="no-print bg-red-900 text-white md:min-h-screen md:w-56 md:shrink-0">
      <div className="flex items-center justify-between px-4 py-3 md:py-5">
        <Link href="/cockpit" className="text-lg font-bold tracking-wide">
          {title}
        </Link>
        <button
          type="button"
          className="rounded border border-red-700 px-2 py-1 text-sm md:hidden"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
          data-testid="nav-toggle"
        >
          {menuLabel}
        </button>
      </div>
      <div id="main-nav" className={`${open ? "block" : "hidden"} md:block`}>
        {links}
      </div>
    </nav>
  );
}
