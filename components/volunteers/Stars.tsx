/** Star level as stars plus text (never colour alone). */
export function Stars({ n, label }: { n: number; label: string }) {
  return (
    <span className="relative whitespace-nowrap" title={label}>
      <span aria-hidden className="text-amber-500">
        {"★".repeat(n)}
      </span>
      <span aria-hidden className="text-gray-300">
        {"★".repeat(Math.max(0, 5 - n))}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
