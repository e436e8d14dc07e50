"use client";

/** Prints the report as laid out on the page (the page's print CSS hides the controls). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-gray-800 px-3 py-2 text-sm font-medium text-white hover:bg-gray-900" data-testid="report-print">
      {label}
    </button>
  );
}
