import Link from "next/link";

export function Breadcrumb({ items, base = "/regions" }: { items: { code: string; name: string }[]; base?: string }) {
  return (
    <nav aria-label="当前位置" className="text-sm text-gray-600" data-testid="breadcrumb">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((it, i) => (
          <li key={it.code} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {i < items.length - 1 ? (
              <Link href={`${base}/${it.code}`} className="text-red-700 hover:underline">
                {it.name}
              </Link>
            ) : (
              <span aria-current="page" className="font-medium text-gray-900">
                {it.name}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
