import Link from "next/link";

/**
 * The one pager: previous / next links that keep every filter in the URL (`href(page)` builds the
 * link, usually `base + toQueryString({...filters, page})`), with "共 N 条 · 第 x / y 页".
 */
export function Pager({
  page,
  pages,
  href,
  total,
  labels = {},
  testId = "pager",
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  total?: number;
  labels?: { prev?: string; next?: string; summary?: string; nav?: string };
  testId?: string;
}) {
  const summary = labels.summary ?? `${total !== undefined ? `共 ${total.toLocaleString("zh-CN")} 条 · ` : ""}第 ${page} / ${Math.max(pages, 1)} 页`;
  const cls = "rounded-md px-3 py-2 text-sm ring-1 ring-gray-300";
  const prev = labels.prev ?? "上一页";
  const next = labels.next ?? "下一页";
  return (
    <nav className="flex flex-wrap items-center justify-between gap-2" aria-label={labels.nav ?? "分页"} data-testid={testId}>
      <span className="text-sm text-gray-600" data-testid="page-label" data-total={total}>
        {summary}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={`${cls} bg-white hover:bg-gray-50`} data-testid="page-prev" rel="prev">
            {prev}
          </Link>
        ) : (
          <span className={`${cls} text-gray-400`} aria-disabled="true">
            {prev}
          </span>
        )}
        {page < pages ? (
          <Link href={href(page + 1)} className={`${cls} bg-white hover:bg-gray-50`} data-testid="page-next" rel="next">
            {next}
          </Link>
        ) : (
          <span className={`${cls} text-gray-400`} aria-disabled="true">
            {next}
          </span>
        )}
      </span>
    </nav>
  );
}
