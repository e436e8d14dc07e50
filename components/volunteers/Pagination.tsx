import Link from "next/link";

/** Previous / next links that keep the filters (the page number lives in the URL). */
export function Pagination({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { prev: string; next: string; page: string; label: string };
}) {
  if (pages <= 1) return null;
  const btn = "rounded-md px-3 py-1.5 text-sm ring-1 ring-gray-300";
  return (
    <nav aria-label={labels.label} className="flex items-center justify-between gap-2" data-testid="pagination">
      {page > 1 ? (
        <Link href={href(page - 1)} className={`${btn} bg-white hover:bg-gray-50`} rel="prev" data-testid="page-prev">
          {labels.prev}
        </Link>
      ) : (
        <span className={`${btn} text-gray-400`} aria-disabled="true">
          {labels.prev}
        </span>
      )}
      <span className="text-sm text-gray-600" data-testid="page-label">
        {labels.page}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={`${btn} bg-white hover:bg-gray-50`} rel="next" data-testid="page-next">
          {labels.next}
        </Link>
      ) : (
        <span className={`${btn} text-gray-400`} aria-disabled="true">
          {labels.next}
        </span>
      )}
    </nav>
  );
}
