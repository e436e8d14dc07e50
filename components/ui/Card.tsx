export function Card({ title, children, testId, className = "" }: { title?: string; children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 ${className}`} data-testid={testId}>
      {title && <h2 className="mb-3 text-sm font-semibold text-gray-700">{title}</h2>}
      {children}
    </section>
  );
}

export function CardSkeleton({ h = "h-28" }: { h?: string }) {
  return <div className={`animate-pulse rounded-lg bg-gray-200 ${h}`} aria-hidden />;
}

export function KpiSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        <CardSkeleton key={i} />
      ))}
    </div>
  );
}
