/**
 * The one table for lists and figures: a caption (its text alternative), column headers with scope,
 * numbers right-aligned with tabular digits, an empty state, and a box that scrolls sideways on a
 * phone instead of squeezing the cells (the first column stays readable).
 */
export interface Column<R> {
  key: string;
  header: React.ReactNode;
  /** The cell; default: `String(row[key])`. */
  cell?: (row: R, index: number) => React.ReactNode;
  align?: "left" | "right" | "center";
  /** Keep the column on one line (names, dates, figures). */
  nowrap?: boolean;
  className?: string;
}

export function DataTable<R>({
  columns,
  rows,
  rowKey,
  caption,
  captionHidden = false,
  empty = "暂无数据",
  testId,
  rowTestId,
  footer,
  dense = false,
}: {
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string | number;
  caption?: React.ReactNode;
  captionHidden?: boolean;
  empty?: React.ReactNode;
  testId?: string;
  rowTestId?: (row: R) => string | undefined;
  footer?: React.ReactNode;
  dense?: boolean;
}) {
  const pad = dense ? "px-2 py-1.5" : "px-3 py-2";
  const align = (a?: "left" | "right" | "center") => (a === "right" ? "text-right tabular-nums" : a === "center" ? "text-center" : "text-left");
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-gray-200" data-testid={testId}>
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        {caption && <caption className={captionHidden ? "sr-only" : "px-3 py-2 text-left text-sm font-medium text-gray-700"}>{caption}</caption>}
        <thead className="bg-gray-50 text-gray-700">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${pad} font-medium ${align(c.align)} ${c.nowrap ? "whitespace-nowrap" : ""}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-gray-600" data-testid={testId ? `${testId}-empty` : undefined}>
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={rowKey(r, i)} data-testid={rowTestId?.(r)} className="hover:bg-gray-50">
                {columns.map((c) => (
                  <td key={c.key} className={`${pad} ${align(c.align)} ${c.nowrap ? "whitespace-nowrap" : ""} ${c.className ?? ""}`}>
                    {c.cell ? c.cell(r, i) : String((r as Record<string, unknown>)[c.key] ?? "")}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {footer && <tfoot className="bg-gray-50 font-medium">{footer}</tfoot>}
      </table>
    </div>
  );
}
