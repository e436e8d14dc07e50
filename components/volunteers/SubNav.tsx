import Link from "next/link";

/** Tabs under an area's title; the current one is marked for screen readers too. */
export function SubNav({ items, current, testId = "subnav" }: { items: { href: string; label: string; key: string }[]; current: string; testId?: string }) {
  return (
    <nav aria-label="志愿者子菜单" className="border-b border-gray-200" data-testid={testId}>
      <ul className="-mb-px flex flex-wrap gap-1 text-sm">
        {items.map((it) => (
          <li key={it.key}>
            <Link
              href={it.href}
              aria-current={it.key === current ? "page" : undefined}
              className={`inline-block rounded-t-md px-3 py-2 ${it.key === current ? "border-b-2 border-red-700 font-medium text-red-800" : "text-gray-600 hover:text-gray-900"}`}
              data-testid={`${testId}-${it.key}`}
            >
              {it.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
